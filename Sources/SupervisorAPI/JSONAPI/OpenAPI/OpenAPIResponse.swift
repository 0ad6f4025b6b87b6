/// A response shared by operations, defined once in `components/responses`: what the actions
/// answer, and the errors (each an `Error` body).
enum OpenAPIResponse: String, CaseIterable {
    case outcomes = "Outcomes"
    case outcomesAccepted = "OutcomesAccepted"
    case processDone = "ProcessDone"
    case processAccepted = "ProcessAccepted"
    case badRequest = "BadRequest"
    case unauthorized = "Unauthorized"
    case notFound = "NotFound"
    case methodNotAllowed = "MethodNotAllowed"
    case conflict = "Conflict"
    case tooLarge = "TooLarge"

    /// `components/responses`, in the order of the cases.
    static let components = OrderedJSONValue.object(allCases.map { ($0.rawValue, $0.definition) })

    var ref: OrderedJSONValue {
        ["$ref": .string("#/components/responses/" + rawValue)]
    }

    /// A response: what it means, the headers it carries, the schema of its body.
    static func body(_ description: String, headers: OrderedJSONValue.Members = [], _ schema: OrderedJSONValue,
                     mediaType: String = "application/json") -> OrderedJSONValue {
        var members: OrderedJSONValue.Members = [("description", .string(description))]
        if !headers.isEmpty { members.append(("headers", .object(headers))) }
        let content: OrderedJSONValue = ["schema": schema]
        members.append(("content", .object([(mediaType, content)])))
        return .object(members)
    }

    private static func header(_ name: String, _ description: String) -> (String, OrderedJSONValue) {
        (name, ["schema": ["type": "string"], "description": .string(description)])
    }

    private static func error(_ description: String, headers: OrderedJSONValue.Members = []) -> OrderedJSONValue {
        body(description, headers: headers, OpenAPISchema.ref("Error"))
    }

    private var definition: OrderedJSONValue {
        let outcomes = OpenAPISchema.array(of: OpenAPISchema.ref("Outcome"))
        let process = OpenAPISchema.ref("Process")
        switch self {
        case .outcomes: return Self.body("Every process got where it was sent: each one's outcome.", outcomes)
        case .outcomesAccepted: return Self.body("Accepted (`wait=false`): the outcomes known at once.", outcomes)
        case .processDone: return Self.body("Done: the process as it is now.", process)
        case .processAccepted: return Self.body("Accepted (`wait=false`): the process as it is now.", process)
        case .badRequest:
            return Self.error("Bad arguments: BAD_ARGUMENTS, INCORRECT_PARAMETERS (malformed JSON, a wrong member or content type), BAD_SIGNAL.")
        case .unauthorized:
            return Self.error("The server has credentials and the request did not carry them (UNAUTHORIZED).",
                              headers: [Self.header("WWW-Authenticate", #"`Basic realm="default"`"#)])
        case .notFound:
            return Self.error("No such process or group (BAD_NAME), no such file (NO_FILE), or no such route (UNKNOWN_METHOD).")
        case .methodNotAllowed:
            return Self.error("The path takes another method (METHOD_NOT_ALLOWED).",
                              headers: [Self.header("Allow", "The methods it takes.")])
        case .conflict:
            return Self.error("The process's or daemon's state refuses the request: ALREADY_STARTED, NOT_RUNNING, SPAWN_ERROR, ABNORMAL_TERMINATION, FAILED, SHUTDOWN_STATE, ALREADY_ADDED, STILL_RUNNING, NOT_EXECUTABLE, CANT_REREAD.")
        case .tooLarge:
            return Self.error("The request body is larger than the limit (4 MiB) the message names (TOO_LARGE).")
        }
    }
}
