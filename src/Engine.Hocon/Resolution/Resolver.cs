using System.Text;
using Engine.Hocon.Model;

namespace Engine.Hocon.Resolution;

/// <summary>
/// Replaces every substitution in a merged document by the value it names, looked up in the whole
/// document (so a later file or a <c>--set</c> override changes what <c>${path}</c> sees), falling
/// back to an environment variable of that name. An undefined <c>${?path}</c> removes its field.
/// </summary>
internal sealed class Resolver
{
    private readonly HoconObject _root;
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];

    private Resolver(HoconObject root) => _root = root;

    /// <summary>Resolves the document; the result holds only objects, arrays and scalars.</summary>
    /// <exception cref="HoconException">A required substitution names nothing, or substitutions form a cycle.</exception>
    public static HoconObject Resolve(HoconObject root) => (HoconObject)new Resolver(root).Resolve(root)!;

    /// <summary>Resolves one node; null means "undefined" (an optional substitution that found nothing).</summary>
    private HoconValue? Resolve(HoconValue value)
    {
        if (value is HoconScalar)
        {
            return value;
        }

        if (_resolved.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!_inProgress.Add(value))
        {
            throw CycleError();
        }

        try
        {
            var result = value switch
            {
                HoconObject o => ResolveObject(o),
                HoconArray a => new HoconArray(a.Origin, a.Items.Select(Resolve).OfType<HoconValue>().ToList()),
                HoconSubstitution s => ResolveSubstitution(s),
                HoconConcatenation c => ResolveConcatenation(c),
                HoconDelayedMerge m => ResolveMerge(m),
                _ => throw new InvalidOperationException($"Unknown HOCON node {value.GetType().Name}."),
            };
            _resolved[value] = result;
            return result;
        }
        finally
        {
            _inProgress.Remove(value);
        }
    }

    private HoconObject ResolveObject(HoconObject value)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, field) in value.Fields)
        {
            if (Resolve(field) is { } resolved)
            {
                fields[key] = resolved;
            }
        }

        return new HoconObject(value.Origin, fields);
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        _chain.Add(substitution);
        try
        {
            if (Lookup(substitution.Path) is { } found)
            {
                return found;
            }

            var variable = HoconPath.Render(substitution.Path);
            if (Environment.GetEnvironmentVariable(variable) is { } environmentValue)
            {
                return new HoconScalar(HoconOrigin.EnvironmentVariable(variable), HoconScalarKind.String, environmentValue);
            }

            return substitution.Optional
                ? null
                : throw new HoconException(
                    $"Cannot resolve {substitution} at {substitution.Origin}: no setting '{variable}' and no environment variable of that name. " +
                    $"Define it, or write ${{?{variable}}} if it may be absent.");
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>Finds the resolved value at <paramref name="path"/>, walking into objects without resolving their siblings.</summary>
    private HoconValue? Lookup(IReadOnlyList<string> path)
    {
        HoconValue node = _root;
        foreach (var segment in path)
        {
            var container = node as HoconObject ?? (node.IsUnresolved ? Resolve(node) as HoconObject : null);
            if (container is null || !container.Fields.TryGetValue(segment, out var child))
            {
                return null;
            }

            node = child;
        }

        return Resolve(node);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation)
    {
        var text = new StringBuilder();
        var defined = false;
        foreach (var part in concatenation.Parts)
        {
            switch (Resolve(part))
            {
                case null:
                    continue;
                case HoconScalar scalar:
                    defined |= part is not HoconScalar { Kind: HoconScalarKind.String } || scalar.Text.Trim().Length > 0;
                    text.Append(scalar.IsNull ? "" : scalar.Text);
                    break;
                case var composite:
                    throw new HoconException(
                        $"{part.Describe()} at {part.Origin} is {composite.Describe()} (from {composite.Origin}); only strings, numbers and booleans can be joined into a string.");
            }
        }

        return defined ? new HoconScalar(concatenation.Origin, HoconScalarKind.String, text.ToString()) : null;
    }

    /// <summary>Takes the latest defined layer; objects keep merging with the objects beneath them.</summary>
    private HoconValue? ResolveMerge(HoconDelayedMerge merge)
    {
        HoconValue? result = null;
        foreach (var layer in merge.Layers)
        {
            var resolved = Resolve(layer);
            if (resolved is null)
            {
                continue;
            }

            if (result is null)
            {
                result = resolved;
            }
            else if (result is HoconObject over && resolved is HoconObject under)
            {
                result = HoconMerge.MergeObjects(over, under);
            }
            else
            {
                break; // a non-object hides everything beneath it
            }

            if (result is not HoconObject)
            {
                break;
            }
        }

        return result;
    }

    private HoconException CycleError()
    {
        var steps = _chain.Select(s => $"{s} at {s.Origin}");
        return new HoconException(
            $"Substitution cycle: {string.Join(" -> ", steps)} leads back to a value that is still being resolved. " +
            "Break the cycle by giving one of these settings a plain value.");
    }
}
