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
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue(language == .en ? "en" : "zh-CN", forHTTPHeaderField: "Accept-Language")
        request.setValue("anpei-cli", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
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
