import NIOCore

/// The OpenAPI 3.1 document of the JSON API, served at `/api/v1/openapi.json`. It is the one
/// source: docs/openapi.json is a copy of these bytes, and tests/e2e/api/test_openapi.py fails
/// when the two differ. It is written from the descriptions under OpenAPI/ (operations,
/// parameters, responses, schemas), indented so that the copy in docs/ reads well.
enum OpenAPIDocument {
    /// Written once, on the first request for it.
    static let bytes: ByteBuffer = {
        var json = JSONWriter(capacity: 64 * 1024, indentWidth: 2)
        document.write(to: &json)
        return json.finish()
    }()

    private static var document: OrderedJSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "supervisord JSON API",
                "version": "1",
                "description": "The JSON API of this supervisord (an extension: the reference has XML-RPC only, which is unchanged). Every route is under /api/v1/ on the daemon's HTTP servers (unix socket and TCP), behind the same credentials as XML-RPC. Actions are POST. Every answer that is not 2xx is an Error: `code` is the XML-RPC fault name and `fault` its number. See docs/api.md.",
            ],
            "tags": .array(OpenAPIOperation.Tag.allCases.map { ["name": .string($0.rawValue)] }),
            // Basic credentials, or none when the server has no `username`.
            "security": [["basic": []], [:]],
            "paths": OpenAPIOperation.paths,
            "components": [
                "securitySchemes": [
                    "basic": [
                        "type": "http",
                        "scheme": "basic",
                        "description": "Required when the server's section has `username` and `password`.",
                    ],
                ],
                "parameters": OpenAPIParameter.components,
                "responses": OpenAPIResponse.components,
                "schemas": OpenAPISchema.components,
            ],
        ]
    }
}
