using Engine.Emulator.Faults;

namespace Engine.Emulator.Inspection;

/// <summary>What a handler learned about the request it served, filled in as it goes and logged when the response ends.</summary>
internal sealed class RequestRecord
{
    public FaultTarget? Target { get; set; }

    public long BodyBytesReceived { get; set; }

    public bool ConnectionReset { get; set; }
}
