using System.Net.Http.Headers;

namespace IkmRegistry.Tests;

/// <summary>The upload forms (multipart/form-data: the import's file, a unit's photo) sent as a browser sends them.</summary>
public static class Uploading
{
    /// <summary>
    /// The upload form of <paramref name="page"/>: where it posts, and its body with the form's antiforgery token, the
    /// other <paramref name="fields"/> and the file as <paramref name="field"/>.
    /// </summary>
    public static async Task<(string Action, MultipartFormDataContent Body)> FormAsync(
        Browser browser, string page, string field, string fileName, byte[] content, string contentType, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = (await browser.GetAsync(page)).QuerySelector<IHtmlFormElement>("form[enctype='multipart/form-data']")!;
        var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, field, fileName);
        return (form.GetAttribute("action")!, body);
    }

    /// <summary>Posts the upload form of <paramref name="page"/> (see <see cref="FormAsync"/>) and returns the page that answers.</summary>
    public static async Task<IDocument> UploadAsync(
        Browser browser, string page, string field, string fileName, byte[] content, string contentType, IReadOnlyDictionary<string, string>? fields = null)
    {
        var (action, body) = await FormAsync(browser, page, field, fileName, content, contentType, fields);
        using (body)
        {
            using var response = await browser.Client.PostAsync(action, body);
            return await browser.ParseAsync(response);
        }
    }
}
