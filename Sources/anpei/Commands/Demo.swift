import AnpeiDomain
import AnpeiService
import AnpeiStore
import ArgumentParser
import Foundation

/// Deterministic demo and benchmark data: a realistic county (新绛县 by
/// default) as three CSV files in the import formats, with valid credit codes
/// (R-USCC) and resident ID numbers (R-ID).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "演示与基准数据 / demo and benchmark data", subcommands: [Generate.self, Certificates.self, Training.self, Exams.self, Safety.self])

    /// Registers demo certificates so that every status shows up today: valid,
    /// review window open, review refused, lapsed, expired, revoked, cancelled, needs a
    /// new practical exam. Server-side (operator); safe to run again.
    struct Certificates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记各状态的演示证书 / register demo certificates in every status")
        @OptionGroup var db: DatabaseOptions
        @Option(name: .customLong("per-status"), help: "certificates per status") var perStatus: Int = 3

        func run() async throws {
            try await ServerSide.withServices(db) { services in
                let call = ServerSide.operatorPrincipal
                let today = CivilDate.today()
                let staff = try await services.people.list(call, PersonQuery(role: .specialOperations, limit: 500)).items
                let plans: [(String, CivilDate, ((UUID) async throws -> Void)?)] = [
                    ("valid", today.adding(years: -1), { id in
                        // R-CERT-2: on the national networked register.
                        _ = try await services.certificates.recordNationalRegistration(call, id: id, .init(date: today.adding(days: -300).description))
                    }),
                    ("review_window_open", today.adding(days: 30).adding(years: -3), nil),
                    ("review_refused", today.adding(days: 30).adding(years: -3), { id in
                        // R-CERT-6: refused for a failed exam; a retest may still pass by the due date.
                        _ = try await services.certificates.review(call, id: id, .init(date: today.description, trainingHours: 8, passed: false,
                                                                                       ground: "training_or_exam_failed"))
                    }),
                    ("lapsed", today.adding(days: -30).adding(years: -3), nil),
                    ("expired", today.adding(years: -7), nil),
                    ("revoked", today.adding(years: -2), { id in
                        _ = try await services.certificates.end(call, id: id, revoke: true, .init(date: today.adding(days: -20).description, reason: "违章作业造成事故（演示）", cause: "accident_responsibility"))
                    }),
                    ("cancelled", today.adding(years: -2), { id in
                        _ = try await services.certificates.end(call, id: id, revoke: false, .init(date: today.adding(days: -10).description, reason: "本人申请注销（演示）", cause: "own_request"))
                    }),
                    ("needs_practical_exam", today.adding(years: -1), nil),
                ]
                var created = 0
                var index = 0
                for (state, issued, after) in plans {
                    for _ in 0..<perStatus {
                        guard index < staff.count else { break }
                        let person = staff[index]
                        index += 1
                        if !person.employments.isEmpty, try await !services.certificates.forPerson(call, personID: UUID(uuidString: person.id)!).isEmpty {
                            continue  // already has one: demo data was loaded before
                        }
                        if state == "needs_practical_exam", let e = person.employments.first {
                            // Moved off the special-operations post 7 months ago to an ordinary one (R-CERT-8).
                            let left = today.adding(months: -7)
                            var patch = EmploymentPatch()
                            patch.endDate = left.description
                            _ = try await services.people.updateEmployment(call, id: UUID(uuidString: e.id)!, patch)
                            _ = try await services.people.addEmployment(call, personID: UUID(uuidString: person.id)!, EmploymentInput(
                                enterpriseId: e.enterpriseId, roles: [.employee], employmentType: e.employmentType, post: "仓管员",
                                hazardousPost: false, startDate: left.adding(days: 1).description, endDate: nil))
                        }
                        let item = ["1.1", "1.2", "2.1", "3.1", "6.8"][index % 5]
                        let view = try await services.certificates.register(call, CertificateInput(
                            personId: person.id, itemCode: item, issuingAuthority: "运城市应急管理局", firstIssued: issued.description))
                        if let after { try await after(UUID(uuidString: view.certificate.id)!) }
                        created += 1
                    }
                }
                print("已登记演示证书 / demo certificates registered: \(created)")
                print("已登记演示管理能力合格证 / demo management certificates registered: \(try await management(services, call, today))")
            }
        }

        /// 安全生产知识和管理能力考核合格证 for principals (R-CERT-11) in each status:
        /// valid, re-examination window open, renewed by a re-examination, expired, revoked.
        func management(_ services: Services, _ call: CallContext, _ today: CivilDate) async throws -> Int {
            let principals = try await services.people.list(call, PersonQuery(role: .principal, limit: 500)).items
            let plans: [(CivilDate, Int?, Bool)] = [  // issued, re-examination days ago, revoked
                (today.adding(years: -1), nil, false),
                (today.adding(days: 20).adding(years: -3), nil, false),
                (today.adding(days: 30).adding(years: -3), 10, false),
                (today.adding(years: -4), nil, false),
                (today.adding(years: -2), nil, true),
            ]
            var created = 0
            for i in 0..<(plans.count * perStatus) {
                guard i < principals.count, let employment = principals[i].employments.first else { break }
                let person = principals[i]
                let personID = UUID(uuidString: person.id)!
                if try await !services.certificates.managementForPerson(call, personID: personID).isEmpty { continue }
                let enterprise = try await services.enterprises.get(call, id: UUID(uuidString: employment.enterpriseId)!)
                let (issued, reexamined, revoked) = plans[i % plans.count]
                let view = try await services.certificates.registerManagement(call, ManagementCertificateInput(
                    personId: person.id, holderRole: "principal", sectorCode: enterprise.sectors.first ?? "hazardous_chemicals",
                    number: String(format: "AQ1408%04d%06d", issued.year, 100 + i), issuingAuthority: "运城市应急管理局",
                    issuedOn: issued.description, examScore: 80 + (i * 7) % 21))
                let id = UUID(uuidString: view.certificate.id)!
                if let days = reexamined {
                    _ = try await services.certificates.reexamine(call, id: id, .init(date: today.adding(days: -days).description, score: 92))
                }
                if revoked {
                    _ = try await services.certificates.revokeManagement(
                        call, id: id, .init(date: today.adding(days: -15).description, reason: "以欺骗手段取得证书（演示）"))
                }
                created += 1
            }
            return created
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "生成演示CSV / write demo CSV files")
        @Option(help: "output folder") var out: String
        @Option(help: "enterprises") var enterprises: Int = 36
        @Option(help: "people (each with one employment)") var people: Int = 560
        @Option(help: "county code; its towns are 9-digit children in the database") var county: String = "140825"
        @Option(help: "random seed") var seed: UInt64 = 2024
        @Flag(help: "also write certificates.csv: one certificate (item 1.2) per person, national platform layout")
        var certificates = false

        func run() async throws {
            guard enterprises > 0, people >= enterprises else { throw ValidationError("people must be ≥ enterprises > 0") }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var g = DemoGenerator(seed: seed, county: county)
            let ents = g.enterprises(enterprises)
            try write("enterprises.csv", DemoGenerator.enterpriseCSV(ents))
            let (peopleText, certificatesText) = g.peopleCSV(people, enterprises: ents, certificates: certificates)
            try write("people.csv", peopleText)
            if certificates { try write("certificates.csv", certificatesText) }
            try write("institutions.csv", g.institutionsCSV())
            print("已生成 / written: \(out)/enterprises.csv (\(enterprises)), people.csv (\(people)), institutions.csv (5)")
        }

        func write(_ name: String, _ text: String) throws {
            try Data(("\u{FEFF}" + text).utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
        }
    }
}

struct DemoGenerator {
    var state: UInt64
    let county: String

    init(seed: UInt64, county: String) {
        self.state = seed &* 6364136223846793005 &+ 1442695040888963407
        self.county = county
    }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    struct Enterprise {
        let creditCode: String
        let name: String
        let sectors: [String]
        let mining: Bool
    }

    /// 新绛县's towns in code order: 140825100 龙兴镇 … 140825108 横桥镇 (the
    /// statistical division codes, db/reference/divisions).
    static let towns = ["龙兴", "三泉", "泽掌", "北张", "古交", "万安", "阳王", "泉掌", "横桥"]
    /// (sector names as in the import file, name stem, weight)
    static let kinds: [([String], String, Int)] = [
        (["非煤矿山"], "矿业", 4), (["金属冶炼"], "冶炼", 3), (["危险化学品"], "化工", 4), (["烟花爆竹"], "烟花", 1),
        (["建筑施工"], "建设工程", 4), (["道路运输"], "运输", 3), (["城镇燃气", "城镇燃气经营"], "燃气", 2),
        (["机械制造"], "机械", 5), (["医疗卫生", "二级三级医院"], "医院", 2), (["文物", "重点文物保护单位"], "文物保护所", 1),
        (["商贸", "大型商业综合体"], "商业广场", 2), (["商贸"], "商贸", 5),
    ]

    static func creditCode(division: String, serial: Int, kind: String) -> String {
        CreditCode.sample(division: division, serial: serial, kind: kind)
    }

    mutating func enterprises(_ count: Int) -> [Enterprise] {
        let weighted = Self.kinds.flatMap { k in Array(repeating: k, count: k.2) }
        return (0..<count).map { i in
            let kind = i < weighted.count ? weighted[i] : pick(weighted)
            let town = Self.towns[i % Self.towns.count]
            let suffix = kind.1.hasSuffix("医院") || kind.1.hasSuffix("所") ? "" : "有限公司"
            return Enterprise(
                creditCode: Self.creditCode(division: county, serial: 10_000 + i, kind: "91"),
                name: "新绛县\(town)\(kind.1)\(i + 1)\(suffix)", sectors: kind.0,
                mining: kind.0.contains("非煤矿山") || kind.0.contains("煤矿"))
        }
    }

    static func enterpriseCSV(_ ents: [Enterprise]) -> String {
        var lines = ["统一社会信用代码,单位名称,行政区划代码,行业,重点企业,办公区,生产区,生活区"]
        for (i, e) in ents.enumerated() {
            let town = String(format: "1408251%02d", i % Self.towns.count)
            let key = e.mining || e.sectors.contains("危险化学品") ? "是" : "否"
            let production = e.mining ? "一号井;选矿厂" : e.sectors.contains("商贸") ? "" : "生产车间"
            let living = e.mining ? "职工宿舍" : ""
            lines.append("\(e.creditCode),\(e.name),\(town),\(e.sectors.joined(separator: "、")),\(key),办公楼,\(production),\(living)")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌海燕亮鹏飞波宁晨凯浩宇欣怡子涵")

    mutating func name() -> String {
        String(pick(Self.surnames)) + String(pick(Self.given)) + (next(3) == 0 ? "" : String(pick(Self.given)))
    }

    /// One person per row, each with one employment; ID numbers unique by construction.
    /// People (one employment each) and, when asked, one certificate per person.
    mutating func peopleCSV(_ count: Int, enterprises ents: [Enterprise], certificates: Bool = false) -> (String, String) {
        var out = "证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期\r\n"
        var certs = "姓名,证号,作业类别,操作项目,初领日期,有效期结束日期,发证机关\r\n"
        if certificates { certs.reserveCapacity(count * 90) }
        out.reserveCapacity(count * 120)
        for i in 0..<count {
            let e = ents[i % ents.count]
            let slot = i / ents.count  // 0: principal, 1: safety manager, 2-5: special operations, rest employees
            // Unique by construction: the sequence number is i mod 1000 and the
            // birth date a bijection of i / 1000 over 1965-2002 (7919 is prime).
            let birth = CivilDate(year: 1965, month: 1, day: 1)!.adding(days: ((i / 1000) * 7919) % 13_870)
            let seq = i % 1000
            let first17 = county + String(format: "%04d%02d%02d%03d", birth.year, birth.month, birth.day, seq)
            let id = first17 + String(ResidentID.checkCharacter(for: first17))
            let roles: String
            let post: String
            var hazardous = "否"
            switch slot {
            case 0: roles = e.sectors.contains("二级三级医院") || e.sectors.contains("重点文物保护单位") || e.sectors.contains("大型商业综合体")
                ? "主要负责人、消防安全责任人" : "主要负责人"; post = "总经理"
            case 1: roles = "安全生产管理人员"; post = "安全科长"
            case 2...5:
                roles = "特种作业人员"
                post = e.mining ? pick(["井下爆破工", "井下电工", "提升机司机"]) : pick(["电工", "焊工", "高处作业工"])
                hazardous = e.mining ? "是" : "否"
            default: roles = "从业人员"; post = pick(["操作工", "仓管员", "司机", "保安"])
            }
            // R-EMP-2: mines place only regular staff in hazardous posts here.
            let type = hazardous == "是" ? "正式" : pick(["正式", "正式", "正式", "劳务派遣", "灵活用工", "外包外租"])
            let start = String(format: "%04d-%02d-%02d", 2010 + next(15), 1 + next(12), 1 + next(28))
            let personName = name()
            out += "\(id),\(personName),1\(3 + next(7))\(String(format: "%09d", next(1_000_000_000))),\(e.creditCode),\(roles),\(type),\(post),\(hazardous),\(start)\r\n"
            if certificates {
                let issued = CivilDate(year: 2024 + i % 2, month: 1 + i % 12, day: 1 + i % 28)!
                certs += "\(personName),T\(id),1,1.2,\(issued),\(issued.adding(years: 6)),运城市应急管理局\r\n"
            }
        }
        return (out, certs)
    }

    func institutionsCSV() -> String {
        [
            "统一社会信用代码,机构名称,行政区划代码,培训类别,特种作业类别,AQ8011状态,整改期限,状态生效日期",
            "\(Self.creditCode(division: county, serial: 1, kind: "52")),新绛县安全生产培训中心,\(county),principal、safety_manager、special_operations,1、2、3,符合条件,,2024-03-15",
            "\(Self.creditCode(division: "140800", serial: 4, kind: "52")),运城市安全生产教育培训中心,\(county),principal、fire_safety、safety_manager,,符合条件,,2024-03-20",
            "\(Self.creditCode(division: "140800", serial: 2, kind: "52")),运城市某职业技能培训学校,\(county),special_operations、employee,1、2,限期整改,2024-07-01,2024-04-10",
            "\(Self.creditCode(division: county, serial: 3, kind: "91")),新绛县某安全技术咨询有限公司,\(county),employee,,已清退,,2024-12-20",
            "\(Self.creditCode(division: county, serial: 5, kind: "52")),新绛县某新设培训学校,\(county),employee,,,,",
        ].joined(separator: "\r\n") + "\r\n"
    }
}
