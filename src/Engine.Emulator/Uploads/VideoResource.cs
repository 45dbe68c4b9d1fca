using System.Text.Json.Nodes;

namespace Engine.Emulator.Uploads;

/// <summary>Builds the <c>youtube#video</c> resource returned when an upload completes, holding the parts named in <c>part</c>.</summary>
internal static class VideoResource
{
    public static string Build(UploadSession session, string videoId, DateTimeOffset now)
    {
        var video = new JsonObject
        {
            ["kind"] = "youtube#video",
            ["etag"] = $"emulator-{videoId}",
            ["id"] = videoId,
        };
        foreach (var part in session.Part.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var given = session.Metadata[part]?.DeepClone() as JsonObject ?? [];
            switch (part)
            {
                case "snippet":
                    given["publishedAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    given["channelId"] = "UCemulator";
                    given["liveBroadcastContent"] = "none";
                    break;
                case "status":
                    given["uploadStatus"] = "uploaded";
                    given["privacyStatus"] ??= "public";
                    break;
                case "contentDetails":
                    given["duration"] = "P0D";
                    given["dimension"] = "2d";
                    given["definition"] = "sd";
                    break;
            }

            video[part] = given;
        }

        return video.ToJsonString();
    }
}
