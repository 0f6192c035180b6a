namespace IkmRegistry.Web.Pages;

/// <summary>The one error page: no stack trace, no database access (it must render while PostgreSQL is down).</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        // Reached through an exception or a status code page; opened directly, it is simply not a page.
        var fromException = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        Status = code is >= 400 and <= 599 ? code.Value
            : Response.StatusCode >= 400 ? Response.StatusCode
            : fromException ? StatusCodes.Status500InternalServerError
            : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        RequestId = HttpContext.TraceIdentifier;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
    }
}
