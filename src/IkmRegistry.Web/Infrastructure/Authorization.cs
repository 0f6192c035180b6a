using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IkmRegistry.Web.Infrastructure;

public static class Policies
{
    /// <summary>Officials, staff and admins: dashboards, reports, reading the registry.</summary>
    public const string Read = "Read";

    /// <summary>Staff and admins: anything that changes registry data.</summary>
    public const string Edit = "Edit";

    /// <summary>Admins: accounts, areas, categories.</summary>
    public const string Admin = "Admin";
}

public static class Authorization
{
    /// <summary>
    /// Every page needs a signed-in user unless it is explicitly public, so a new page
    /// that forgets its policy is closed, not open. Folders then narrow it by role.
    /// </summary>
    public static WebApplicationBuilder AddRegistryPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Admin, Roles.Staff, Roles.Official))
            .AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Admin, Roles.Staff))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        builder.Services.AddRazorPages(options =>
        {
            // Closed by default (not a fallback policy, which would also send unknown addresses to sign-in instead of 404).
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Language");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToFolder("/Directory");
            options.Conventions.AuthorizeFolder("/Registry", Policies.Read);
            // Imports show the file's raw values (NIK among them) and exist only to change data: staff and admins.
            options.Conventions.AuthorizeFolder("/Registry/Import", Policies.Edit);
            options.Conventions.AuthorizeFolder("/Dashboard", Policies.Read);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            options.Conventions.AddFolderApplicationModelConvention("/Registry", model => model.Filters.Add(new EditRequiresStaffFilter()));
            options.Conventions.AddFolderApplicationModelConvention("/", model => model.Filters.Add(new PostNeedsAHandlerFilter()));
            // Admins and staff must have two-factor sign-in (ASVS 4.3.1): until it is set up, every page sends them there.
            options.Conventions.AddFolderApplicationModelConvention("/", model => model.Filters.Add(new TwoFactorSignIn.RequiredTwoFactorFilter()));
        }).AddMvcOptions(options =>
            // FluentValidation owns the rules and their Indonesian messages; MVC only reports values it cannot bind.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);

        // MVC's messages for values it cannot bind, through the localizer like every other text (read at each request, in its language).
        builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>((options, localizer) =>
        {
            string Invalid(string value) => localizer["Nilai '{0}' tidak valid.", value];
            string Required() => localizer["Isian ini wajib diisi."];
            string Number() => localizer["Isian ini harus berupa angka."];
            string Unknown() => localizer["Nilai yang diisi tidak valid."];
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value));
            messages.SetValueMustBeANumberAccessor(_ => Number());
            messages.SetValueIsInvalidAccessor(Invalid);
            messages.SetMissingBindRequiredValueAccessor(_ => Required());
            messages.SetValueMustNotBeNullAccessor(_ => Required());
            messages.SetUnknownValueIsInvalidAccessor(_ => Unknown());
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(Invalid);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(Unknown);
            messages.SetNonPropertyValueMustBeANumberAccessor(Number);
            messages.SetMissingKeyOrValueAccessor(Required);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Permintaan tidak berisi data."]);
        });
        return builder;
    }

    /// <summary>
    /// A POST that names no handler the page has (a tampered or stale form) is a 400 with a message, not a page
    /// rendered without its data.
    /// </summary>
    private sealed class PostNeedsAHandlerFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
            {
                context.Result = new Microsoft.AspNetCore.Mvc.BadRequestResult();
                return;
            }

            await next();
        }
    }

    /// <summary>
    /// Officials read the registry but change nothing: in /Registry every handler other than GET needs the Edit
    /// policy, checked on the server whatever the page shows.
    /// </summary>
    private sealed class EditRequiresStaffFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var method = context.HttpContext.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
                var result = await authorization.AuthorizeAsync(context.HttpContext.User, Policies.Edit);
                if (!result.Succeeded)
                {
                    context.Result = new Microsoft.AspNetCore.Mvc.ForbidResult();
                    return;
                }
            }

            await next();
        }
    }
}
