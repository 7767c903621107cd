import AnpeiDomain
import AnpeiWire
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to the JSON API as any remote client would. Every answer is decoded
/// as the AnpeiWire type the endpoint answers (`WireContract.operations`), so
/// commands read typed fields and a reply of another shape fails in one place.
struct APIClient: Sendable {
    let baseURL: URL
    let token: String?
    let language: Language

    init(server: String, token: String?, language: Language) throws {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https" else {
            throw CLIError.message("服务器地址无效：\(server)")
        }
        self.baseURL = url
        self.token = token
        self.language = language
    }

    /// GET and decode. Query items without a value (options not given) are left out.
    func get<Reply: Decodable>(_ path: String, query: [URLQueryItem] = [], as: Reply.Type = Reply.self) async throws -> Reply {
        let data = try await rawData("GET", path, query: query, body: nil, contentType: "application/json")
        return try WireJSON.decode(Reply.self, from: data, language: language)
    }

    /// Sends a wire request body (LoginRequest, ReviewInput, …) and decodes the answer.
    func send<Body: Encodable, Reply: Decodable>(
        _ method: String, _ path: String, body: Body, as: Reply.Type = Reply.self
    ) async throws -> Reply {
        let encoded = try WireJSON.encoder().encode(body)
        let data = try await rawData(method, path, query: [], body: encoded, contentType: "application/json")
        return try WireJSON.decode(Reply.self, from: data, language: language)
    }

    /// Sends bytes the user supplied as they are (a CSV or plan file, a JSON
    /// body from `--from`): the server validates them; the answer is still typed.
    func send<Reply: Decodable>(
        _ method: String, _ path: String, query: [URLQueryItem] = [], data body: Data, contentType: String,
        timeout: TimeInterval = 30, as: Reply.Type = Reply.self
    ) async throws -> Reply {
        let data = try await rawData(method, path, query: query, body: body, contentType: contentType, timeout: timeout)
        return try WireJSON.decode(Reply.self, from: data, language: language)
    }

    /// A call answered without a body (logout).
    func sendNoReply(_ method: String, _ path: String) async throws {
        _ = try await rawData(method, path, query: [], body: nil, contentType: "application/json")
    }

    /// Any request: path under the base URL, query items, a raw body; the
    /// answer's bytes (a CSV download reads them as they are). A failure
    /// answer throws its `Problem`.
    func rawData(
        _ method: String, _ path: String, query: [URLQueryItem], body: Data?, contentType: String, timeout: TimeInterval = 30
    ) async throws -> Data {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        let given = query.filter { $0.value != nil }
        if !given.isEmpty { components.queryItems = given }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method
        request.timeoutInterval = timeout
        request.setValue(language == .en ? "en" : "zh-CN", forHTTPHeaderField: "Accept-Language")
        request.setValue("anpei-cli", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CLIError.message(
                language == .zh ? "无法连接服务器 \(baseURL.absoluteString)：\(error.localizedDescription)"
                    : "cannot reach \(baseURL.absoluteString): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            // Not every failure comes from anpei (a proxy's HTML page): then the status is all there is.
            if let problem = try? WireJSON.decoder().decode(Problem.self, from: data) { throw problem }
            throw CLIError.message("HTTP \(status)")
        }
        return data
    }
}

extension APIClient {
    /// The client for the saved login (`anpei login`).
    static func signedIn(_ client: ClientOptions, _ output: OutputOptions) throws -> APIClient {
        let zh = output.language == .zh
        guard let saved = CredentialStore.load() else {
            throw CLIError.message(zh ? "当前未登录，请先运行 anpei login" : "not signed in; run anpei login")
        }
        return try APIClient(server: client.resolvedServer ?? saved.server, token: saved.token, language: output.language)
    }

    /// The client for the public endpoints (lookups, record checks): no login
    /// needed, the saved server used when there is one.
    static func anonymous(_ client: ClientOptions, _ output: OutputOptions) throws -> APIClient {
        let server = client.resolvedServer ?? CredentialStore.load()?.server ?? "http://127.0.0.1:8080"
        return try APIClient(server: server, token: nil, language: output.language)
    }
}
