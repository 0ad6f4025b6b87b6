/// The schemas of the OpenAPI document (`components/schemas`) and the pieces they are made of:
/// every object the API reads or answers has all its properties required and no others, so
/// `object` writes `required` from the properties instead of each schema listing them twice.
enum OpenAPISchema {
    typealias Properties = KeyValuePairs<String, OrderedJSONValue>

    /// `components/schemas`, in the document's order.
    static let components: OrderedJSONValue = [
        "Process": process,
        "Health": health,
        "Dependency": dependency,
        "Outcome": outcome,
        "Group": group,
        "Daemon": daemon,
        "Differences": differences,
        "LogSlice": logSlice,
        "SignalRequest": signalRequest,
        "StdinRequest": stdinRequest,
        "Error": error,
        "EventState": eventState,
        "EventGroup": eventGroup,
        "EventHealth": eventHealth,
        "EventSupervisor": eventSupervisor,
        "EventLog": eventLog,
        "EventResources": eventResources,
        "EventLost": eventLost,
    ]

    /// `{"$ref": "#/components/schemas/<name>"}`.
    static func ref(_ name: String) -> OrderedJSONValue {
        ["$ref": .string("#/components/schemas/" + name)]
    }

    static func array(of items: OrderedJSONValue) -> OrderedJSONValue {
        ["type": "array", "items": items]
    }

    /// An object with exactly `properties`, all required.
    static func object(_ properties: Properties) -> OrderedJSONValue {
        object(describedAs: nil, properties)
    }

    static func object(_ description: String, _ properties: Properties) -> OrderedJSONValue {
        object(describedAs: description, properties)
    }

    private static func object(describedAs description: String?, _ properties: Properties) -> OrderedJSONValue {
        var members: OrderedJSONValue.Members = [("type", "object")]
        if let description { members.append(("description", .string(description))) }
        members.append(("required", .array(properties.map { .string($0.key) })))
        members.append(("properties", .object(properties.map { ($0.key, $0.value) })))
        members.append(("additionalProperties", false))
        return .object(members)
    }

    /// A property: its type, what it holds, then its constraints (`enum`, `minimum`, `examples`).
    static func field(_ type: OrderedJSONValue, _ description: String, _ constraints: Properties = [:]) -> OrderedJSONValue {
        .object([("type", type), ("description", .string(description))] + constraints.map { ($0.key, $0.value) })
    }

    /// A property holding a list.
    static func list(of items: OrderedJSONValue, _ description: String) -> OrderedJSONValue {
        ["type": "array", "items": items, "description": .string(description)]
    }

    /// The names of ProcessState, in the order of their codes.
    static let processStates: OrderedJSONValue = [
        "STOPPED", "STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN",
    ]
    static let healthStatuses: OrderedJSONValue = ["healthy", "unhealthy", "starting"]

    /// The first two properties of everything that names a process.
    static let processName = field("string", "The process's name.")
    static let itsGroup = field("string", "Its group.")

    /// The names of SupervisorState, in the order of their codes (2 down to -1).
    static let daemonState = field("string", "The daemon's state.", ["enum": ["FATAL", "RUNNING", "RESTARTING", "SHUTDOWN"]])
}
