/// A JSON value written out in Swift, its members kept in the order they are written (unlike
/// `JSONValue`, which is read from requests and has its members by name): the OpenAPI
/// document is built from these so that docs/openapi.json reads in a sensible order.
indirect enum OrderedJSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    typealias Members = [(String, OrderedJSONValue)]

    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([OrderedJSONValue])
    case object(Members)

    init(stringLiteral text: String) { self = .string(text) }
    init(integerLiteral number: Int) { self = .integer(number) }
    init(booleanLiteral flag: Bool) { self = .bool(flag) }
    init(arrayLiteral elements: OrderedJSONValue...) { self = .array(elements) }
    init(dictionaryLiteral members: (String, OrderedJSONValue)...) { self = .object(members) }

    func write(to json: inout JSONWriter) {
        switch self {
        case .string(let text): json.value(text)
        case .integer(let number): json.value(number)
        case .bool(let flag): json.value(flag)
        case .array(let elements):
            json.beginArray()
            for element in elements { element.write(to: &json) }
            json.endArray()
        case .object(let members):
            json.beginObject()
            for (name, value) in members {
                json.key(escaping: name)
                value.write(to: &json)
            }
            json.endObject()
        }
    }
}
