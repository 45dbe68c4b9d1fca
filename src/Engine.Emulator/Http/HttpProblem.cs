using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Http;

/// <summary>A request rejected for a stated reason, answered in Google's error format.</summary>
internal sealed record HttpProblem(int Status, string Reason, string Message)
{
    public Task WriteAsync(HttpContext context) => GoogleError.WriteAsync(context, Status, Reason, Message);
}
