using System.Net.Http.Headers;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>Import batches belong to their uploader (issue 18 item 9): batch ids are sequential and the error rows hold NIKs.</summary>
public class BatchOwnershipTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Another_staff_member_cannot_see_download_commit_or_cancel_a_batch_and_it_is_not_listed_for_them()
    {
        using var owner = await StaffAsync(App);
        var (batch, preview) = await PreviewAsync(App, owner, Xlsx(Row("Amplang Haruan"), Row("Tanpa Kelurahan", kelurahan: "Antah Berantah")));
        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        using var other = new Browser(App);
        await other.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var token = await other.AntiforgeryTokenAsync("/Registry/Import");

        await other.GetAsync($"/Registry/Import/Batch/{batch.Id}");
        Assert.Equal(HttpStatusCode.NotFound, other.LastStatus);
        await other.GetAsync($"/Registry/Import/Batch/{batch.Id}?handler=Errors");
        Assert.Equal(HttpStatusCode.NotFound, other.LastStatus);
        await other.GetAsync($"/Registry/Import/Batch/{batch.Id}?handler=Progress");
        Assert.Equal(HttpStatusCode.NotFound, other.LastStatus);
        await other.PostAsync($"/Registry/Import/Batch/{batch.Id}?handler=Commit", new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.NotFound, other.LastStatus);
        await other.PostAsync($"/Registry/Import/Batch/{batch.Id}?handler=Cancel", new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.NotFound, other.LastStatus);
        var list = await other.GetAsync("/Registry/Import");
        Assert.DoesNotContain("pendataan.xlsx", list.Body!.TextContent);

        await using (var db = App.NewDbContext())
        {
            var unchanged = await db.ImportBatches.SingleAsync(b => b.Id == batch.Id);
            Assert.Equal(ImportStatus.Ready, unchanged.Status);
            Assert.Equal(2, await db.ImportRows.CountAsync(r => r.BatchId == batch.Id));
        }

        // The uploader still can.
        Assert.Contains("pendataan.xlsx", (await owner.GetAsync("/Registry/Import")).Body!.TextContent);
        Assert.Equal(ImportStatus.Committed, (await CommitAsync(App, owner, preview)).Status);
    }

    [Fact]
    public async Task An_admin_may_act_on_another_users_batch_and_the_acts_are_audited()
    {
        using var owner = await StaffAsync(App);
        var (batch, _) = await PreviewAsync(App, owner, Xlsx(Row("Amplang Haruan"), Row("Tanpa Kelurahan", kelurahan: "Antah Berantah")));
        using var admin = new Browser(App);
        await admin.SignInAsync(await App.CreateUserAsync(Roles.Admin));

        var page = await admin.GetAsync($"/Registry/Import/Batch/{batch.Id}");
        Assert.Equal(HttpStatusCode.OK, admin.LastStatus);
        using (var errors = await admin.Client.GetAsync($"/Registry/Import/Batch/{batch.Id}?handler=Errors"))
        {
            Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        }

        await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#cancel-form")!);

        await using var db = App.NewDbContext();
        Assert.Equal(ImportStatus.Cancelled, (await db.ImportBatches.SingleAsync(b => b.Id == batch.Id)).Status);
        Assert.Equal(0, await db.ImportRows.CountAsync(r => r.BatchId == batch.Id));
        var entries = await db.AuditEntries.Where(a => a.EntityType == nameof(ImportBatch) && a.EntityId == batch.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Export, AuditAction.Update], entries.Select(a => a.Action));
        Assert.All(entries, a => Assert.Contains("UploadedBy", a.Changes));
        Assert.Contains("ErrorRows", entries[0].Changes);
        Assert.Contains("Cancel", entries[1].Changes);
    }

    [Fact]
    public async Task The_upload_stops_reading_a_body_larger_than_the_configured_file_limit()
    {
        using var browser = await StaffAsync(App);
        var (action, multipart) = await Uploading.FormAsync(browser, "/Registry/Import", "berkas", "besar.csv", new byte[25 * 1024 * 1024], "text/csv");
        using var disposing = multipart;

        // Sent without a length (chunked), so only the limit on reading the body can stop it.
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new UnknownLength(multipart) };
        request.Headers.TransferEncodingChunked = true;
        using var response = await browser.Client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {response.StatusCode}");
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    /// <summary>Wraps content so that its length is not known in advance.</summary>
    private sealed class UnknownLength : HttpContent
    {
        private readonly HttpContent _inner;

        public UnknownLength(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
