/// JSON text for the web UI's event stream and the daemon's JSON log lines.
public enum JSON {
    /// A JSON string literal, quotes included; control characters escaped so the
    /// result fits on one Server-Sent Events `data:` line.
    public static func string(_ text: String) -> String {
        JSONString.quoted(text)
    }

    /// `{"a":…,"b":…}` from members whose values are already JSON.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
