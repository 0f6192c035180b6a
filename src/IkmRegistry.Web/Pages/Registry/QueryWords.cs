using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IkmRegistry.Web.Pages.Registry;

/// <summary>
/// The query words of the staff pages (docs/registry.md): Indonesian, like the public pages'. The words these pages
/// used before (<c>category</c>, <c>sort</c>, <c>hal</c>) still work in bookmarked links: a GET with one of them is
/// sent (301) to the same address in today's words, with the same values.
/// </summary>
public static class QueryWords
{
    public const string Category = "kategori";
    public const string Sort = "urut";
    public const string Page = "halaman";

    /// <summary>Each former word and the word that replaced it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Former = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["category"] = Category,
        ["sort"] = Sort,
        ["hal"] = Page,
    };

    /// <summary>The query in today's words, or null when it holds no former word. A word given both ways keeps today's value.</summary>
    public static QueryString? Renamed(IQueryCollection query)
    {
        if (!query.Keys.Any(Former.ContainsKey))
        {
            return null;
        }

        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (Former.TryGetValue(key, out var word))
            {
                if (query.ContainsKey(word))
                {
                    continue;
                }

                builder.Add(word, [.. values.Select(v => v ?? "")]);
            }
            else
            {
                builder.Add(key, [.. values.Select(v => v ?? "")]);
            }
        }

        return builder.ToQueryString();
    }
}

/// <summary>Sends a GET that uses a former query word to the same page in today's words.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RedirectFormerQueryWordsAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) && QueryWords.Renamed(request.Query) is { } query)
        {
            context.Result = new RedirectResult(request.PathBase + request.Path + query, permanent: true);
            return;
        }

        await next();
    }
}
