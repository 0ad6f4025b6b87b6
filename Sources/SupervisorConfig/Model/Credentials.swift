public struct Credentials: Equatable, Sendable {
    public var username: String
    /// Plain text, or `{SHA}` followed by the hex SHA-1 of the password.
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
