/// One operation of the JSON API (a method on a path) as the OpenAPI document describes it.
/// Its error responses follow from what it takes (`errors`), so each operation states only
/// what it does and what it answers on success.
struct OpenAPIOperation {
    enum Method: String {
        case get, post
    }

    enum Tag: String, CaseIterable {
        case processes, logs, groups, daemon, events
    }

    /// What it answers when it succeeds.
    enum Success {
        /// A shared response (200) and, when the operation takes `wait`, its `wait=false` twin (202).
        case shared(done: OpenAPIResponse, accepted: OpenAPIResponse)
        /// A response of its own.
        case body(status: String, OrderedJSONValue)

        static let outcomes = shared(done: .outcomes, accepted: .outcomesAccepted)
        static let process = shared(done: .processDone, accepted: .processAccepted)

        /// 200 with a JSON body.
        static func json(_ description: String, _ schema: OrderedJSONValue) -> Success {
            .body(status: "200", OpenAPIResponse.body(description, schema))
        }
    }

    let method: Method
    let path: String
    let id: String
    let tag: Tag
    let summary: String
    let description: String
    var parameters: [OpenAPIParameter] = []
    /// The schema of its JSON body, for the actions that need one.
    var requestSchema: String? = nil
    let success: Success

    /// `paths`: each path with its operations, in the order of `all`.
    static var paths: OrderedJSONValue {
        var paths: [(String, OrderedJSONValue.Members)] = []
        for operation in all {
            let entry = (operation.method.rawValue, operation.definition)
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append(entry)
            } else {
                paths.append((operation.path, [entry]))
            }
        }
        return .object(paths.map { ($0.0, .object($0.1)) })
    }

    /// The errors it may answer: bad arguments (400) for an action or a read with a query or
    /// headers to get wrong; missing credentials (401) always; no such process or group (404)
    /// when its path names one; a state that refuses (409) and a body over the limit (413)
    /// for every action.
    private var errors: [(String, OpenAPIResponse)] {
        let isAction = method == .post
        var errors: [(String, OpenAPIResponse)] = []
        if isAction || parameters.contains(where: { $0.location != .path }) { errors.append(("400", .badRequest)) }
        errors.append(("401", .unauthorized))
        if parameters.contains(where: { $0.location == .path }) { errors.append(("404", .notFound)) }
        if isAction { errors += [("409", .conflict), ("413", .tooLarge)] }
        return errors
    }

    private var responses: OrderedJSONValue.Members {
        var responses: OrderedJSONValue.Members
        switch success {
        case .shared(let done, let accepted):
            responses = [("200", done.ref)]
            if parameters.contains(.wait) { responses.append(("202", accepted.ref)) }
        case .body(let status, let response):
            responses = [(status, response)]
        }
        return responses + errors.map { ($0.0, $0.1.ref) }
    }

    private var definition: OrderedJSONValue {
        var members: OrderedJSONValue.Members = [
            ("operationId", .string(id)),
            ("summary", .string(summary)),
            ("description", .string(description)),
            ("tags", [.string(tag.rawValue)]),
        ]
        if !parameters.isEmpty { members.append(("parameters", .array(parameters.map(\.ref)))) }
        if let requestSchema {
            members.append(("requestBody", [
                "required": true,
                "content": ["application/json": ["schema": OpenAPISchema.ref(requestSchema)]],
            ]))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }
}
