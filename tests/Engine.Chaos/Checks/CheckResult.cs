namespace Engine.Chaos.Checks;

/// <summary>The verdict of one check: what it means, what it covered, and every failure found.</summary>
public sealed class CheckResult(string name, string meaning)
{
    private readonly List<string> failures = [];

    /// <summary>Short name, e.g. "outcomes".</summary>
    public string Name { get; } = name;

    /// <summary>The promise the check holds the engine to.</summary>
    public string Meaning { get; } = meaning;

    /// <summary>What it covered, e.g. "600 transfers".</summary>
    public string Coverage { get; set; } = "";

    /// <summary>Each violation, naming the transfer and what was seen.</summary>
    public IReadOnlyList<string> Failures => failures;

    /// <summary>Whether nothing was found wrong.</summary>
    public bool Passed => failures.Count == 0;

    /// <summary>Records a violation.</summary>
    public void Fail(string failure) => failures.Add(failure);
}
