using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Emulator.Faults;
using Engine.Emulator.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Emulator.Hosting;

/// <summary>Read-only JSON views of the inspector under <c>/emulator/…</c>, for tests and tools in other processes.</summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Map(IEndpointRouteBuilder routes, EmulatorInspector inspector, FaultPlan faults)
    {
        Get(routes, "/emulator/sessions", () => new { opened = inspector.SessionsOpened, sessions = inspector.Sessions });
        Get(routes, "/emulator/uploads", () => inspector.CompletedUploads);
        Get(routes, "/emulator/requests", () => new { total = inspector.RequestCount, requests = inspector.Requests });
        Get(routes, "/emulator/faults", () => new
        {
            rules = faults.Rules.Select(r => r.ToString()),
            fired = inspector.FaultsFired,
            firedByRule = inspector.FaultsFiredByRule,
        });
        Get(routes, "/emulator/downloads", () => inspector.DownloadCallsByFile);
        Get(routes, "/emulator/operations", () => inspector.Operations);
    }

    private static void Get(IEndpointRouteBuilder routes, string path, Func<object> view) =>
        routes.MapGet(path, (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=UTF-8";
            return context.Response.WriteAsync(JsonSerializer.Serialize(view(), Json));
        });
}
