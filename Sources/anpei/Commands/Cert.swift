import AnpeiDomain
import AnpeiService
import ArgumentParser
import Crypto
import Foundation

/// `anpei cert …`: special-operations certificates through the API.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "特种作业操作证 / special-operations certificates",
        subcommands: [Check.self, Lookup.self, Show.self, List.self, Staff.self, Unlicensed.self, Report.self, Register.self, Review.self, Revoke.self,
                      Cancel.self, Sign.self, Verify.self, ManagementCertCommand.self])

    /// The public lookup, as anyone may do it: no login.
    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "公开查询（无需登录）/ public lookup by number and name (no login)")
        @OptionGroup var o: RecordOptions
        @Option(help: "certificate number") var number: String
        @Option(help: "holder's name") var name: String
        func run() async throws {
            let server = o.client.resolvedServer ?? CredentialStore.load()?.server ?? "http://127.0.0.1:8080"
            let api = try APIClient(server: server, token: nil, language: o.output.language)
            let reply = try await api.json("GET", "v1/public/certificates/verify", query: [
                URLQueryItem(name: "number", value: number), URLQueryItem(name: "name", value: name),
            ])
            try RecordCLI.printRecord(reply, o)
        }
    }

    struct Staff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "单位人员持证情况 / an enterprise's staff × certificate table")
        @OptionGroup var o: RecordOptions
        @OptionGroup var page: PageOptions
        @Option(help: "enterprise id") var enterprise: String
        @Option(help: "category code, e.g. 1") var category: String?
        @Option(help: "item code, e.g. 1.2") var item: String?
        @Option(help: "valid | review_window_open | review_overdue | expired | revoked | cancelled | needs_practical_exam") var status: String?
        @Option(name: .customLong("expiring-within"), help: "validity ending within N days") var expiringWithin: Int?
        @Option(help: "date YYYY-MM-DD") var date: String?
        func run() async throws {
            try await RecordCLI.list(o, path: "v1/enterprises/\(enterprise)/certificates", query: [
                .init(name: "category", value: category), .init(name: "item", value: item), .init(name: "status", value: status),
                .init(name: "expiringWithin", value: expiringWithin.map(String.init)), .init(name: "date", value: date),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: [("personName", "姓名", "name"), ("number", "证号", "number"), ("itemName", "操作项目", "operation"),
                         ("validityEnd", "有效期至", "valid until"), ("status", "状态", "status")])
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "辖区持证统计 / regulator figures by sector and child region")
        @OptionGroup var o: RecordOptions
        @Option(help: "division code (default: your own)") var region: String?
        @Option(help: "year") var year: Int?
        @Option(help: "status date") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let reply = try await api.json("GET", "v1/reports/certificates", query: [
                URLQueryItem(name: "region", value: region), URLQueryItem(name: "year", value: year.map(String.init)),
                URLQueryItem(name: "date", value: date),
            ].filter { $0.value != nil })
            if o.output.json {
                print(try RecordCLI.pretty(reply))
                return
            }
            let zh = o.output.language == .zh
            let r = reply as? [String: Any] ?? [:]
            func rows(_ items: [[String: Any]]) -> [[String]] {
                items.map { f in ["name", "workers", "withValidCertificate", "onRegister", "expiringIn30", "expiringIn60",
                                  "expiringIn90", "reviewOverdue"].map { RecordCLI.cell(f[$0]) } }
            }
            let headers = zh ? ["", "特种作业人员", "持有效证", "已入网", "30天内到期", "60天内到期", "90天内到期", "逾期未复审"]
                : ["", "workers", "valid", "registered", "exp. 30d", "exp. 60d", "exp. 90d", "overdue"]
            print("\(RecordCLI.cell(r["regionCode"])) \(RecordCLI.cell(r["year"])) (\(RecordCLI.cell(r["date"])))")
            var total = r["total"] as? [String: Any] ?? [:]
            total["name"] = zh ? "合计" : "total"
            print(Table.render(headers: headers, rows: rows([total]) + rows(r["bySector"] as? [[String: Any]] ?? [])))
            let children = r["byChildRegion"] as? [[String: Any]] ?? []
            if !children.isEmpty { print(Table.render(headers: headers, rows: rows(children))) }
        }
    }

    struct Unlicensed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "无有效证书的特种作业人员 / special-operations staff without a valid certificate")
        @OptionGroup var o: RecordOptions
        @Option(help: "enterprise id") var enterprise: String
        @Option(help: "date YYYY-MM-DD") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let reply = try await api.json("GET", "v1/enterprises/\(enterprise)/unlicensed",
                                           query: date.map { [URLQueryItem(name: "date", value: $0)] } ?? [])
            if o.output.json {
                print(try RecordCLI.pretty(reply))
                return
            }
            let zh = o.output.language == .zh
            let rows = (reply as? [[String: Any]] ?? []).map { w -> [String] in
                let certs = (w["certificates"] as? [[String: Any]] ?? []).map { c -> String in
                    "\(RecordCLI.cell(c["itemCode"]))：\(RecordCLI.cell((c["status"] as? [String: Any])?["label"]))"
                }
                return [RecordCLI.cell(w["personName"]), RecordCLI.cell(w["post"]), certs.isEmpty ? (zh ? "无证" : "none") : certs.joined(separator: "；")]
            }
            print(Table.render(headers: zh ? ["姓名", "岗位", "现有证书"] : ["name", "post", "certificates"], rows: rows))
            print(zh ? "共 \(rows.count) 人未持有效证书上岗" : "\(rows.count) without a valid certificate")
        }
    }

    /// Fetches a signed verification statement (JSON) for a certificate.
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "取得签名的核验文件 / fetch a signed verification statement")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            print(try RecordCLI.pretty(try await api.json("GET", "v1/certificates/\(id)/verification")))
        }
    }

    /// Checks a signed statement offline against the server's public key.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "离线核验签名文件 / verify a signed statement offline (exit 0 valid, 1 not)")
        @OptionGroup var output: OutputOptions
        @Argument(help: "the statement (JSON from anpei cert sign), - for stdin") var file: String
        @Option(name: .customLong("public-key"), help: "base64url Ed25519 public key (from /.well-known/anpei-verification-key)")
        var publicKey: String

        func run() async throws {
            let zh = output.language == .zh
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
            guard let data, let signed = try? JSONDecoder().decode(SignedVerification.self, from: data) else {
                throw CLIError.message(zh ? "无法读取核验文件" : "cannot read the statement")
            }
            guard let raw = VerificationKey.fromBase64url(publicKey),
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                throw ValidationError(zh ? "公钥格式不正确" : "not an Ed25519 public key")
            }
            guard let payload = VerificationKey.verify(signed, publicKey: key) else {
                print(zh ? "签名无效：文件被篡改或不是此服务器签发" : "INVALID signature: altered, or not signed by this server")
                throw ExitCode.failure
            }
            if output.json {
                print(try RecordCLI.pretty(payload))
            } else {
                print(zh ? "签名有效（密钥 \(signed.keyId)）" : "valid signature (key \(signed.keyId))")
                print(Table.render(headers: zh ? ["字段", "值"] : ["field", "value"],
                                   rows: payload.keys.sorted().map { [$0, RecordCLI.cell(payload[$0])] }))
            }
        }
    }

    /// Gatekeeping: exit 0 when allowed, 1 when refused (reasons printed).
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "能否上岗作业 / may this person do this work (exit 0 allowed, 1 refused)")
        @OptionGroup var o: RecordOptions
        @Option(help: "person id") var person: String
        @Option(help: "operation item code, e.g. 2.1") var item: String
        @Option(help: "date YYYY-MM-DD (default today)") var date: String?

        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let reply = try await api.json("GET", "v1/work-check", query: [
                .init(name: "person", value: person), .init(name: "item", value: item),
            ] + (date.map { [URLQueryItem(name: "date", value: $0)] } ?? []))
            let object = reply as? [String: Any] ?? [:]
            let allowed = object["allowed"] as? Bool ?? false
            if o.output.json {
                print(try RecordCLI.pretty(reply))
            } else {
                let zh = o.output.language == .zh
                print(allowed ? (zh ? "准许上岗：\(item)" : "allowed: \(item)") : (zh ? "不得上岗：\(item)" : "refused: \(item)"))
                let reasons = object["reasons"] as? [[String: Any]] ?? []
                print(Table.render(
                    headers: zh ? ["规则", "日期", "说明"] : ["rule", "date", "reason"],
                    rows: reasons.map { [RecordCLI.cell($0["rule"]), RecordCLI.cell($0["date"]),
                                         RecordCLI.cell(zh ? $0["message"] : $0["messageEn"])] }))
            }
            if !allowed { throw ExitCode.failure }
        }
    }

    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            try CertCommand.printViews([try await RecordCLI.request(o, "GET", "v1/certificates/\(id)", date: date)], o)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "某人的证书 / a person's certificates")
        @OptionGroup var o: RecordOptions
        @Option(help: "person id") var person: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            let reply = try await RecordCLI.request(o, "GET", "v1/people/\(person)/certificates", date: date)
            try CertCommand.printViews(reply as? [Any] ?? [], o)
        }
    }

    struct Register: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body {personId, itemCode, issuingAuthority, firstIssued, …}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates", from: from) }
    }
    struct Review: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, trainingHours, passed}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/reviews", from: from) }
    }
    struct Revoke: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, reason}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/revocation", from: from) }
    }
    struct Cancel: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, reason}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/cancellation", from: from) }
    }

    static func printViews(_ views: [Any], _ o: RecordOptions) throws {
        if o.output.json {
            print(try RecordCLI.pretty(views.count == 1 ? views[0] : views))
            return
        }
        let zh = o.output.language == .zh
        let rows = views.compactMap { $0 as? [String: Any] }.map { v -> [String] in
            let c = v["certificate"] as? [String: Any] ?? [:]
            let s = v["status"] as? [String: Any] ?? [:]
            return [RecordCLI.cell(c["number"]), RecordCLI.cell(c["itemCode"]), RecordCLI.cell(c["itemName"]),
                    RecordCLI.cell(zh ? s["label"] : s["state"]), RecordCLI.cell(s["reviewDue"]), RecordCLI.cell(c["validityEnd"]),
                    RecordCLI.cell(s["ruleSet"]), RecordCLI.cell(c["id"])]
        }
        print(Table.render(
            headers: zh ? ["证号", "项目", "操作项目", "状态", "应复审日期", "有效期至", "规则", "编号"]
                : ["number", "item", "operation", "status", "review due", "valid until", "rules", "id"],
            rows: rows))
    }
}
