namespace Engine.Transfers.Tests.Support;

/// <summary>Waits for a condition that real I/O makes true soon, with a generous limit (never a fixed sleep for logic).</summary>
internal static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for: {what}; last seen: {value}");
            await Task.Delay(10);
        }
    }
}
