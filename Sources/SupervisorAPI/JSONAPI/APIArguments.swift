import SupervisorCommon

/// A request's query parameters and JSON body, read strictly: a value of the wrong type
/// or range, a body that is not a JSON object of the expected members, or a body sent in
/// another content type is a 400 with a one-line message.
struct APIArguments {
    private let query: [String: String]
    private let body: [UInt8]
    private let contentType: String?

    init(_ request: HTTPRequest) {
        query = FormEncoding.decode(request.query)
        body = request.body
        contentType = request.headers.first(name: "content-type")
    }

    /// `?wait=true|false`, true when absent.
    func wait() throws(APIError) -> Bool {
        switch query["wait"] {
        case nil, "true": return true
        case "false": return false
        case let other?: throw APIError(.badArguments, "wait must be true or false, not \(JSONString.quoted(other))")
        }
    }

    /// An integer query parameter, `fallback` when absent.
    func integer(_ name: String, default fallback: Int) throws(APIError) -> Int {
        guard let text = query[name] else { return fallback }
        guard let number = Int(text) else { throw APIError(.badArguments, "\(name) must be an integer, not \(JSONString.quoted(text))") }
        return number
    }

    /// For an action without a body: refuses one, so a misplaced argument is not ignored.
    func noBody() throws(APIError) {
        guard body.allSatisfy(JSONParser.isWhitespace) else {
            throw APIError(.incorrectParameters, "this action takes no request body")
        }
    }

    /// The members of a JSON object body: exactly `names`, each present.
    func members(_ names: [String]) throws(APIError) -> [String: JSONValue] {
        let type = contentType?.split(separator: ";").first?.trimmingWhitespace().lowercased()
        guard type == "application/json" else {
            throw APIError(.incorrectParameters, "the request body must be application/json, not \(contentType ?? "missing")")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw APIError(.incorrectParameters, "malformed JSON: \(error.message)")
        }
        guard case .object(let members) = value else {
            throw APIError(.incorrectParameters, "the request body must be a JSON object, not \(value.kind)")
        }
        if let unknown = members.keys.sorted().first(where: { !names.contains($0) }) {
            throw APIError(.incorrectParameters, "unknown member \(JSONString.quoted(unknown))")
        }
        if let missing = names.first(where: { members[$0] == nil }) {
            throw APIError(.incorrectParameters, "missing member \(JSONString.quoted(missing))")
        }
        return members
    }
}
