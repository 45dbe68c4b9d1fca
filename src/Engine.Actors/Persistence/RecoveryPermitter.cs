namespace Engine.Actors.Persistence;

/// <summary>
/// Bounds how many persistent actors recover at once (Akka's <c>RecoveryPermitter</c>); the others wait in
/// arrival order. One per <see cref="ActorSystem"/>, sized by <see cref="PersistenceOptions.MaxConcurrentRecoveries"/>.
/// </summary>
internal sealed class RecoveryPermitter(int maxConcurrentRecoveries)
{
    private readonly SemaphoreSlim _permits = new(maxConcurrentRecoveries, maxConcurrentRecoveries);

    /// <summary>Completes when a permit is granted; the holder must <see cref="Release"/> it exactly once.</summary>
    public Task AcquireAsync() => _permits.WaitAsync();

    public void Release() => _permits.Release();
}
