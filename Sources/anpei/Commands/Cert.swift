import AnpeiDomain
import AnpeiService
import AnpeiWire
import ArgumentParser
import Crypto
import Foundation

/// `anpei cert …`: special-operations certificates through the API.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "特种作业操作证 / special-operations certificates",
        subcommands: [Check.self, Lookup.self, Show.self, List.self, Staff.self, Unlicensed.self, Report.self, Register.self, Review.self, Consent.self, Practical.self, NationalRegistration.self, Revoke.self,
                      Cancel.self, Sign.self, Verify.self, ManagementCertCommand.self])

    /// The public lookup, as anyone may do it: no login.
    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "公开查询（无需登录）/ public lookup by number and name (no login)")
        @OptionGroup var o: RecordOptions
        @Option(help: "certificate number") var number: String
        @Option(help: "holder's name") var name: String
        func run() async throws {
            let api = try APIClient.anonymous(o.client, o.output)
            let reply = try await api.get("v1/public/certificates/verify", query: [
                URLQueryItem(name: "number", value: number), URLQueryItem(name: "name", value: name),
            ], as: PublicVerification.self)
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
        @Option(help: "valid | review_window_open | review_refused | lapsed | expired | revoked | cancelled | needs_practical_exam") var status: String?
        @Option(name: .customLong("expiring-within"), help: "validity ending within N days") var expiringWithin: Int?
        @Option(help: "date YYYY-MM-DD") var date: String?
        func run() async throws {
            let columns: [Column<StaffCertificateRow>] = [
                Column("姓名", "name", \.personName), Column("证号", "number", \.number), Column("操作项目", "operation", \.itemName),
                Column("有效期至", "valid until", \.validityEnd), Column("状态", "status", \.status.label),
            ]
            try await RecordCLI.list(o, path: "v1/enterprises/\(enterprise)/certificates", query: [
                .init(name: "category", value: category), .init(name: "item", value: item), .init(name: "status", value: status),
                .init(name: "expiringWithin", value: expiringWithin.map(String.init)), .init(name: "date", value: date),
                .init(name: "limit", value: String(page.limit)), .init(name: "offset", value: String(page.offset)),
            ], columns: columns)
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
            let r = try await api.get("v1/reports/certificates", query: [
                URLQueryItem(name: "region", value: region), URLQueryItem(name: "year", value: year.map(String.init)),
                URLQueryItem(name: "date", value: date),
            ], as: CertificateReport.self)
            if o.output.json {
                print(try JSONOutput.encode(r))
                return
            }
            let zh = o.output.language == .zh
            func row(_ f: CertificateReport.Figures) -> [String] {
                [f.name] + [f.workers, f.withValidCertificate, f.onRegister, f.notRegistered, f.expiringIn30, f.expiringIn60,
                            f.expiringIn90, f.lapsed].map(String.init)
            }
            let headers = zh ? ["", "特种作业人员", "持有效证", "已联网登记", "有效未登记", "30天内到期", "60天内到期", "90天内到期", "已失效"]
                : ["", "workers", "valid", "registered", "not registered", "exp. 30d", "exp. 60d", "exp. 90d", "lapsed"]
            print("\(r.regionCode) \(r.year) (\(r.date))" + (zh ? "，联网登记截止 \(r.registrationDeadline)" : ", register by \(r.registrationDeadline)"))
            var total = r.total
            total.name = zh ? "合计" : "total"
            print(Table.render(headers: headers, rows: [row(total)] + r.bySector.map(row)))
            if !r.byChildRegion.isEmpty { print(Table.render(headers: headers, rows: r.byChildRegion.map(row))) }
        }
    }

    struct Unlicensed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "无有效证书的特种作业人员 / special-operations staff without a valid certificate")
        @OptionGroup var o: RecordOptions
        @Option(help: "enterprise id") var enterprise: String
        @Option(help: "date YYYY-MM-DD") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let workers = try await api.get("v1/enterprises/\(enterprise)/unlicensed",
                                            query: [URLQueryItem(name: "date", value: date)], as: [UnlicensedWorker].self)
            if o.output.json {
                print(try JSONOutput.encode(workers))
                return
            }
            let zh = o.output.language == .zh
            let rows = workers.map { w -> [String] in
                let certs = w.certificates.map { "\($0.itemCode)：\($0.status.label)" }
                return [w.personName, w.post, certs.isEmpty ? (zh ? "无证" : "none") : certs.joined(separator: "；")]
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
            let statement = try await api.get("v1/certificates/\(id)/verification", as: SignedVerification.self)
            print(try JSONOutput.encode(statement))
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
            // The payload is shown as it was signed, every field, whatever the
            // version of the server that signed it: a generic display.
            if output.json {
                print(try JSONOutput.pretty(payload))
            } else {
                print(zh ? "签名有效（密钥 \(signed.keyId)）" : "valid signature (key \(signed.keyId))")
                print(RecordCLI.fieldTable(payload, language: output.language))
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
            let check = try await api.get("v1/work-check", query: [
                .init(name: "person", value: person), .init(name: "item", value: item), .init(name: "date", value: date),
            ], as: WorkCheck.self)
            if o.output.json {
                print(try JSONOutput.encode(check))
            } else {
                let zh = o.output.language == .zh
                print(check.allowed ? (zh ? "准许上岗：\(item)" : "allowed: \(item)") : (zh ? "不得上岗：\(item)" : "refused: \(item)"))
                print(Table.render(
                    headers: zh ? ["规则", "日期", "说明"] : ["rule", "date", "reason"],
                    rows: check.reasons.map { [$0.rule, $0.date, zh ? $0.message : $0.messageEn] }))
            }
            if !check.allowed { throw ExitCode.failure }
        }
    }

    struct Show: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.get("v1/certificates/\(id)", query: [URLQueryItem(name: "date", value: date)],
                                         as: CertificateView.self)
            try CertCommand.printViews([view], o)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "某人的证书 / a person's certificates")
        @OptionGroup var o: RecordOptions
        @Option(help: "person id") var person: String
        @Option(help: "status on this date") var date: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let views = try await api.get("v1/people/\(person)/certificates", query: [URLQueryItem(name: "date", value: date)],
                                          as: [CertificateView].self)
            try CertCommand.printViews(views, o)
        }
    }

    struct Register: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Option(help: "JSON body {personId, itemCode, issuingAuthority, firstIssued, …}, - for stdin") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates", from: from, as: CertificateView.self) }
    }
    struct Review: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, trainingHours, passed, ground}, - for stdin (ground when not passed: health_check_failed, serious_violations, safety_penalty, obstructed_inspection, training_or_exam_failed, revocation_grounds)") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/reviews", from: from, as: CertificateView.self) }
    }
    struct Revoke: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, reason, cause}, - for stdin (cause: expired_without_review, no_longer_fit, accident_responsibility, false_information, fraud_or_bribery)") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/revocation", from: from, as: CertificateView.self) }
    }
    struct Cancel: AsyncParsableCommand {
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "JSON {date, reason, cause}, - for stdin (cause: death, own_request, revoked)") var from: String
        func run() async throws { try await RecordCLI.send(o, method: "POST", path: "v1/certificates/\(id)/cancellation", from: from, as: CertificateView.self) }
    }
    /// R-CERT-4: the issuing authority's consent to the longer review interval.
    struct Consent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录延长复审间隔的同意 / record the extension consent (R-CERT-4)")
        @OptionGroup var o: RecordOptions
        @Argument var id: String
        @Option(help: "date of the consent, YYYY-MM-DD") var date: String
        @Option(help: "start of continuous work in the trade, YYYY-MM-DD") var inTradeSince: String?
        func run() async throws {
            let api = try APIClient.signedIn(o.client, o.output)
            let view = try await api.send("POST", "v1/certificates/\(id)/extension-consent",
                                          body: ExtensionConsent(date: date, inTradeSince: inTradeSince), as: CertificateView.self)
            try CertCommand.printViews([view], o)
        }
    }

    static func printViews(_ views: [CertificateView], _ o: RecordOptions) throws {
        if o.output.json {
            // One certificate prints as an object, several as an array, as scripts expect.
            print(try views.count == 1 ? JSONOutput.encode(views[0]) : JSONOutput.encode(views))
            return
        }
        let zh = o.output.language == .zh
        let columns: [Column<CertificateView>] = [
            Column("证号", "number", \.certificate.number), Column("项目", "item", \.certificate.itemCode),
            Column("操作项目", "operation", \.certificate.itemName),
            Column("状态", "status", value: { zh ? $0.status.label : $0.status.state.rawValue }),
            Column("应复审日期", "review due", \.status.reviewDue), Column("有效期至", "valid until", \.certificate.validityEnd),
            Column("规则", "rules", \.status.ruleSet), Column("编号", "id", \.certificate.id),
        ]
        print(Table.render(views, columns: columns, language: o.output.language))
    }
}
