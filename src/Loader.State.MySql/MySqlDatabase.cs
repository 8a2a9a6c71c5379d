using System.Data;
using MySqlConnector;
using Polly;
using Polly.Retry;

namespace Loader.State.MySql;

/// <summary>
/// One MySQL database shared by the <c>loader</c> processes of several hosts. Every operation opens its own pooled
/// connection; transactions run at READ COMMITTED and are tried again when InnoDB picks them as a deadlock victim.
/// </summary>
internal sealed class MySqlDatabase
{
    private readonly string _serverConnectionString;
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;

    /// <summary>The database <paramref name="name"/> on the server <paramref name="serverConnectionString"/> reaches.</summary>
    public MySqlDatabase(string serverConnectionString, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverConnectionString);
        Name = name;
        _serverConnectionString = serverConnectionString;
        var builder = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name };
        _connectionString = builder.ConnectionString;
        Description = $"{builder.UserID}@{builder.Server}:{builder.Port}/{name}";
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // A deadlock rolls the whole transaction back, so trying it again from the start is safe.
                ShouldHandle = new PredicateBuilder().Handle<MySqlException>(e => e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout),
                MaxRetryAttempts = 10,
                Delay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary><c>user@host:port/database</c>, for messages.</summary>
    public string Description { get; }

    /// <summary>Opens a connection to the database.</summary>
    public Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    /// <summary>Opens a connection to the server, with no database chosen (it may not exist yet).</summary>
    public Task<MySqlConnection> OpenServerAsync(CancellationToken cancellationToken) => OpenAsync(_serverConnectionString, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a READ COMMITTED transaction and commits; again from the start after a deadlock.</summary>
    public async Task<T> InTransactionAsync<T>(
        Func<MySqlConnection, MySqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(
            async token =>
            {
                await using var connection = await OpenAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, token);
                var result = await work(connection, transaction, token);
                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);

    /// <summary>Closes this database's pooled connections.</summary>
    public async Task ClearPoolAsync()
    {
        await using var connection = new MySqlConnection(_connectionString);
        await MySqlConnection.ClearPoolAsync(connection);
    }

    private async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync();
            throw new IOException($"the MySQL state store {Description} cannot be reached: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
