using Engine.Emulator.Http;
using Engine.Emulator.Inspection;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Faults;

/// <summary>The entry of every handler: classifies the request for the log, draws its faults and serves the added latency.</summary>
internal sealed class FaultGate(FaultPlan plan, TimeProvider time)
{
    public TimeProvider Time => time;

    /// <summary>Draws the faults for a <paramref name="target"/> request and waits out any injected latency.</summary>
    public async Task<FaultDecision> EnterAsync(HttpContext context, FaultTarget target)
    {
        Classify(context, target);
        var decision = plan.Draw(target);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, time, context.RequestAborted).ConfigureAwait(false);
        }

        return decision;
    }

    /// <summary>Names the request kind in the log without drawing faults (e.g. a redirect step that serves no bytes).</summary>
    public static void Classify(HttpContext context, FaultTarget target) => context.Features.Get<RequestRecord>()!.Target = target;

    /// <summary>Draws the faults for the "a PUT body was cut off" event.</summary>
    public FaultAction? Interrupted() => plan.Draw(FaultTarget.Interrupted).Outcome;

    /// <summary>
    /// When the decision is an injected status, answers it (after reading and discarding the request body, so
    /// that none of it is stored) and returns true; otherwise returns false.
    /// </summary>
    public async Task<bool> AnsweredAsync(HttpContext context, FaultDecision decision)
    {
        if (decision.Outcome is not RespondStatus fault)
        {
            return false;
        }

        context.Features.Get<RequestRecord>()!.BodyBytesReceived = await DrainAsync(context).ConfigureAwait(false);
        var reason = fault.StatusCode switch
        {
            429 => "rateLimitExceeded",
            408 => "requestTimeout",
            >= 500 => "backendError",
            _ => "injectedFault",
        };
        await GoogleError.WriteAsync(
            context, fault.StatusCode, reason, $"Injected fault: HTTP {fault.StatusCode} from the emulator.",
            fault.RetryAfter?.HeaderValue(time.GetUtcNow()))
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>Reads and discards the rest of the request body; returns the bytes read.</summary>
    public static async Task<long> DrainAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        long total = 0;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            total += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return total;
            }
        }
    }
}
