using Microsoft.AspNetCore.Mvc.Filters;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>A form page that can show its form again after a failed save: it reloads its option lists.</summary>
public interface IFormPage
{
    /// <summary>Reloads what the form shows beside the input; a form without option lists has nothing to reload.</summary>
    Task LoadListsAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// When PostgreSQL is unreachable while a form is posted, the form comes back (503) with what the user typed and
/// a message that nothing was saved, instead of the generic outage page. Option lists come from the last
/// successful read (<see cref="Data.Queries.Lookups"/>).
/// </summary>
public sealed class DatabaseOutageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled || !ErrorHandling.IsDatabaseUnavailable(exception)
            || HttpMethods.IsGet(context.HttpContext.Request.Method) || context.HandlerInstance is not (PageModel page and IFormPage form))
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        // The request log line is this request's warning (503); no stack trace for an expected outage.
        services.GetRequiredService<ILogger<DatabaseOutageFilter>>().LogInformation("Form on {Page} not saved: the database is unreachable", context.ActionDescriptor.ViewEnginePath);
        try
        {
            await form.LoadListsAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (ErrorHandling.IsDatabaseUnavailable(e))
        {
            // No list was read before the outage: the generic outage page answers.
            return;
        }

        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        page.ModelState.AddModelError("", l["Basis data sedang tidak dapat dihubungi, jadi data BELUM tersimpan. Isian Anda masih ada di bawah; simpan lagi beberapa saat lagi."]);
        context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        executed.ExceptionHandled = true;
        executed.Result = page.Page();
    }
}

public static class DatabaseOutage
{
    public static WebApplicationBuilder AddRegistryOutageForms(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.ConfigureFilter(new DatabaseOutageFilter()));
        return builder;
    }
}
