/// A parameter of the JSON API's routes, defined once in `components/parameters` and referred
/// to by the operations that take it.
enum OpenAPIParameter: String, CaseIterable {
    case name, group, wait, offset, length, logs, resources, lastEventId

    enum Location: String {
        case path, query, header
    }

    /// `components/parameters`, in the order of the cases.
    static let components = OrderedJSONValue.object(allCases.map { ($0.rawValue, $0.definition) })

    var ref: OrderedJSONValue {
        ["$ref": .string("#/components/parameters/" + rawValue)]
    }

    var location: Location {
        switch self {
        case .name, .group: .path
        case .wait, .offset, .length, .logs, .resources: .query
        case .lastEventId: .header
        }
    }

    private var definition: OrderedJSONValue {
        [
            "name": .string(self == .lastEventId ? "Last-Event-ID" : rawValue),
            "in": .string(location.rawValue),
            "required": .bool(location == .path),
            "description": .string(description),
            "schema": schema,
        ]
    }

    private var description: String {
        switch self {
        case .name:
            "A process's namespec: `web`, or `pool:worker_1` (`:` may be sent as `%3A`). A process named `start`, `stop` or `restart` is reached by its `group:name`."
        case .group: "A group's name."
        case .wait: "Wait until the processes got where they were sent (true, the default), or answer at once with 202 (false)."
        case .offset: "Where to start: a file offset, or (negative) that many bytes from the end. Default 0."
        case .length: "How many bytes; 0 (the default) reads to the end. Must be 0 with a negative offset."
        case .logs: "Comma-separated namespecs whose output to send as `log` events (`web,pool:w_1`)."
        case .resources: "1: send `resources` events every 2 s (the daemon samples only while such a client is connected)."
        case .lastEventId: "The id of the last event the client saw: the stream starts with the buffered events after it."
        }
    }

    private var schema: OrderedJSONValue {
        switch self {
        case .name: ["type": "string", "examples": ["web", "pool:worker_1"]]
        case .group: ["type": "string", "examples": ["pool"]]
        case .wait: ["type": "boolean", "default": true]
        case .offset: ["type": "integer", "default": 0]
        case .length: ["type": "integer", "minimum": 0, "default": 0]
        case .logs: ["type": "string"]
        case .resources: ["type": "integer", "enum": [0, 1], "default": 0]
        case .lastEventId: ["type": "integer", "minimum": 0]
        }
    }
}
