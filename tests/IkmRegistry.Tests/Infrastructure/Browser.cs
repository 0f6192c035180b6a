using AngleSharp;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// HTTP as a browser does it: cookies kept, redirects followed, forms posted with the antiforgery token
/// and every other field they hold, and answers parsed into a DOM with AngleSharp.
/// </summary>
public sealed class Browser(WebApplicationFactory<Program> app, bool followRedirects = true) : IDisposable
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    public HttpStatusCode LastStatus { get; private set; }

    public Uri? LastUrl { get; private set; }

    /// <summary>Where a redirect pointed (when redirects are not followed).</summary>
    public Uri? LastLocation { get; private set; }

    public HttpClient Client => _client;

    public async Task<IDocument> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return await ParseAsync(response);
    }

    /// <summary>Fills the form's fields (by name) and submits it, as a person clicking the given button would.</summary>
    public async Task<IDocument> SubmitAsync(IHtmlFormElement form, IDictionary<string, string>? values = null, IHtmlElement? submitter = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: "checkbox" or "radio" } input:
                    if (values?.TryGetValue(name, out var chosen) == true ? chosen == input.Value || (chosen == "true" && input.Type == "checkbox") : input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: not ("submit" or "button" or "file") } input:
                    fields.Add(new(name, values?.TryGetValue(name, out var v) == true ? v : input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, values?.TryGetValue(name, out var t) == true ? t : area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    if (values?.TryGetValue(name, out var s) == true)
                    {
                        fields.Add(new(name, s));
                    }
                    else
                    {
                        fields.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    }

                    break;
            }
        }

        // Values for fields the form does not have (e.g. a tampered request) are sent too.
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            if (!fields.Exists(f => f.Key == name))
            {
                fields.Add(new(name, value));
            }
        }

        if (submitter is IHtmlButtonElement { Name: { Length: > 0 } buttonName } button)
        {
            fields.Add(new(buttonName, button.Value));
        }

        // Relative to the page the form came from (which may not be the last page fetched).
        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? new Uri(form.Owner!.Url).PathAndQuery : action;
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        // As a browser does on every form POST.
        request.Headers.Add("Origin", _client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var response = await _client.SendAsync(request);
        return await ParseAsync(response);
    }

    /// <summary>
    /// Signs in through the real sign-in form; when the account has two-factor sign-in, answers the second step
    /// with the code its authenticator app would show.
    /// </summary>
    public async Task<IDocument> SignInAsync(string email, string password = RegistryApp.TestPassword)
    {
        var page = await PasswordStepAsync(email, password);
        return IsSecondStep(page) ? await SubmitCodeAsync(page, await RegistryApp.AuthenticatorCodeAsync(app, email)) : page;
    }

    /// <summary>Only the password step: the answer is the second step's form when the account has two-factor sign-in.</summary>
    public async Task<IDocument> PasswordStepAsync(string email, string password = RegistryApp.TestPassword)
    {
        var page = await GetAsync("/Account/Login");
        page = await SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return LastLocation?.OriginalString.Contains("/Account/LoginTwoFactor", StringComparison.Ordinal) == true
            ? await GetAsync(LastLocation.OriginalString)
            : page;
    }

    public bool IsSecondStep(IDocument page) =>
        LastUrl?.AbsolutePath == "/Account/LoginTwoFactor" && page.QuerySelector("input[name='Input.Code']") is not null;

    /// <summary>Answers the second step with an authenticator code (or a recovery code).</summary>
    public Task<IDocument> SubmitCodeAsync(IDocument secondStep, string code, bool recovery = false)
    {
        var field = recovery ? "Input.RecoveryCode" : "Input.Code";
        var form = secondStep.QuerySelectorAll<IHtmlFormElement>("main form").Single(f => f.QuerySelector($"input[name='{field}']") is not null);
        return SubmitAsync(form, new Dictionary<string, string> { [field] = code });
    }

    /// <summary>The antiforgery token of this browser's session, from any page with a form.</summary>
    public async Task<string> AntiforgeryTokenAsync(string page = "/Account/ChangePassword")
    {
        var document = await GetAsync(page);
        return document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No form with an antiforgery token on {page}");
    }

    /// <summary>Posts fields as a form would, with this session's antiforgery token.</summary>
    public async Task<IDocument> PostAsync(string url, IDictionary<string, string> fields, string? token = null)
    {
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token ?? await AntiforgeryTokenAsync() };
        using var content = new FormUrlEncodedContent(all);
        using var response = await _client.PostAsync(url, content);
        return await ParseAsync(response);
    }

    public async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        LastStatus = response.StatusCode;
        LastUrl = response.RequestMessage?.RequestUri;
        LastLocation = response.Headers.Location;
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(LastUrl?.ToString() ?? "http://localhost/"));
    }

    public void Dispose() => _client.Dispose();
}
