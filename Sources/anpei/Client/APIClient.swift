import AnpeiDomain
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A problem+json answer from the server.
struct ProblemResponse: Decodable, Error {
    struct Item: Decodable {
        let field: String
        let code: String
        let message: String
        let row: Int?
    }
    let status: Int
    let code: String
    let detail: String
    let requestId: String?
    let errors: [Item]?
}

/// Talks to the JSON API as any remote client would.
struct APIClient {
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

    func send<Body: Encodable, Reply: Decodable>(
        _ method: String, _ path: String, body: Body?, as: Reply.Type
    ) async throws -> Reply {
        let data = try await raw(method, path, body: body)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Reply.self, from: data)
    }

    func sendNoReply<Body: Encodable>(_ method: String, _ path: String, body: Body?) async throws {
        _ = try await raw(method, path, body: body)
    }

    private func raw<Body: Encodable>(_ method: String, _ path: String, body: Body?) async throws -> Data {
        try await rawData(method, path, query: [], body: try body.map { try JSONEncoder().encode($0) },
                          contentType: "application/json")
    }

    /// Any request: path under the base URL, query items, a raw body.
    func rawData(
        _ method: String, _ path: String, query: [URLQueryItem], body: Data?, contentType: String, timeout: TimeInterval = 30
    ) async throws -> Data {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query }
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
            if let problem = try? JSONDecoder().decode(ProblemResponse.self, from: data) { throw problem }
            throw CLIError.message("HTTP \(status)")
        }
        return data
    }
}

struct Empty: Codable {}

extension APIClient {
    /// The client for the saved login (`anpei login`).
    static func signedIn(_ client: ClientOptions, _ output: OutputOptions) throws -> APIClient {
        let zh = output.language == .zh
        guard let saved = CredentialStore.load() else {
            throw CLIError.message(zh ? "当前未登录，请先运行 anpei login" : "not signed in; run anpei login")
        }
        return try APIClient(server: client.resolvedServer ?? saved.server, token: saved.token, language: output.language)
    }

    /// GET/POST/PATCH returning JSON as a generic object tree.
    func json(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil) async throws -> Any {
        let data = try await rawData(method, path, query: query, body: body, contentType: "application/json")
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}
