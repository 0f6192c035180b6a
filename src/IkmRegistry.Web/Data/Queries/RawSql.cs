using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// Runs a query EF cannot express (window functions over the event history, grouped duplicates) on the context's own
/// connection and transaction, opening and closing the connection only when it was closed. With <c>prepare</c> the
/// statement is prepared on the pooled connection (planned once per connection and shape), for a hot query whose
/// planning costs about as much as its run.
/// </summary>
public static class RawSql
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Callers pass constant SQL; values travel as parameters.")]
    public static async Task<List<T>> ReadAsync<T>(RegistryDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<DbDataReader, T> map,
        CancellationToken cancellationToken, bool prepare = false)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.AddRange(parameters.ToArray());
            if (prepare)
            {
                await command.PrepareAsync(cancellationToken);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
