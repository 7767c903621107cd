import AnpeiDomain
import AnpeiService
import AnpeiStore
import AnpeiTestSupport
import Foundation
import Testing

@Suite("CSV imports")
struct ImportServiceTests {
    func peopleCSV(_ fx: RegistryFixture, header: String = "证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期",
                   rows: [String]) -> String {
        ([header] + rows).joined(separator: "\r\n") + "\r\n"
    }

    func person(_ seq: Int, _ fx: RegistryFixture, name: String? = nil, roles: String = "特种作业人员、从业人员",
                type: String = "正式", hazardous: String = "否", start: String = "2023-03-01", phone: String = "13900000000") -> String {
        let id = Synthetic.residentID(region: "140825", birth: "1988-08-08", sequence: seq)
        return "\(id),\(name ?? "工人\(seq)"),\(phone),\(fx.a.enterprise.creditCode),\(roles),\(type),电工,\(hazardous),\(start)"
    }

    func count(_ services: Services, _ sql: SQL) async throws -> Int {
        try await services.pool.withConnection { try $0.query(sql).first!.decode("n", as: Int.self) }
    }

    @Test("UTF-8, UTF-8 with BOM and GBK files all load; Chinese or English headers")
    func encodings() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let text = peopleCSV(fx, rows: (1...3).map { person($0, fx) })
        let utf8 = try await services.imports.run(fx.admin, kind: .people, data: Data(text.utf8), dryRun: false)
        #expect(utf8.encoding == .utf8 && utf8.accepted && utf8.counts.created == 3 && utf8.counts.employmentsCreated == 3)

        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(peopleCSV(fx, rows: (4...5).map { person($0, fx) }).utf8)
        let r2 = try await services.imports.run(fx.admin, kind: .people, data: bom, dryRun: false)
        #expect(r2.encoding == .utf8BOM && r2.counts.created == 2)

        // GBK as Excel saves it on Chinese Windows (GB18030 is its superset).
        let gbk = try TextDecoding.encodeGB18030(peopleCSV(fx, rows: (6...7).map { person($0, fx, name: "张三丰\($0)") }))
        #expect(String(data: gbk, encoding: .utf8) == nil)  // really not UTF-8
        let r3 = try await services.imports.run(fx.admin, kind: .people, data: gbk, dryRun: false)
        #expect(r3.encoding == .gb18030 && r3.counts.created == 2)
        let names = try await services.people.list(fx.admin, PersonQuery(search: "张三丰")).items.map(\.name).sorted()
        #expect(names == ["张三丰6", "张三丰7"])

        let english = peopleCSV(fx, header: "document_number,name,phone,enterprise_credit_code,roles,employment_type,post,hazardous_post,start_date",
                                rows: [person(8, fx, roles: "special_operations", type: "outsourced")])
        let r4 = try await services.imports.run(fx.admin, kind: .people, data: Data(english.utf8), dryRun: false)
        #expect(r4.counts.created == 1)
    }

    @Test("any bad row rejects the file, every bad row is reported with row and column, nothing is written")
    func allOrNothing() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let before = try await count(services, "SELECT count(*) AS n FROM people")
        let auditBefore = try await count(services, "SELECT count(*) AS n FROM audit_log")
        let good = person(1, fx)
        let badCheck = person(2, fx).replacingOccurrences(of: ",工人2,", with: ",工人2,").dropFirst(0)
        var chars = Array(badCheck)
        chars[17] = chars[17] == "1" ? "2" : "1"   // break the check character
        let rows = [
            good,                                                          // row 2
            String(chars),                                                 // row 3: R-ID check
            person(3, fx, type: "劳务派遣", hazardous: "是"),               // row 4: R-EMP-2 (tenant a is a mine)
            person(4, fx, roles: "厂长"),                                   // row 5: unknown role
            person(5, fx, start: "2023-02-30"),                            // row 6: no such date
            person(1, fx),                                                 // row 7: repeats row 2
        ]
        let csv = peopleCSV(fx, rows: rows)
        do {
            _ = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: false)
            Issue.record("a bad file was accepted")
        } catch ServiceError.validation(let errors) {
            let seen = errors.map { "\($0.row ?? 0):\($0.field):\($0.code)" }
            #expect(seen == [
                "3:证件号码:id_check_character",
                "4:用工形式:dispatched_in_mining_hazardous_post",
                "5:岗位角色:invalid_role",
                "6:入职日期:invalid_date",
                "7:入职日期:duplicate_row",
            ])
        }
        #expect(try await count(services, "SELECT count(*) AS n FROM people") == before)
        #expect(try await count(services, "SELECT count(*) AS n FROM audit_log") == auditBefore)

        // The same file as a dry run: a report, not an error, and still nothing written.
        let report = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: true)
        #expect(!report.accepted && report.errors.count == 5 && report.rows == 6)
        #expect(report.errors.first?.message == "身份证号码校验位不正确")
        #expect(try await count(services, "SELECT count(*) AS n FROM people") == before)
    }

    @Test("dry run counts exactly and writes nothing; importing twice creates no duplicates; changes update and are audited")
    func idempotent() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let csv = peopleCSV(fx, rows: (1...4).map { person($0, fx) })
        let dry = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: true)
        #expect(dry.accepted && dry.dryRun && dry.counts.created == 4)
        #expect(try await services.people.list(fx.admin, PersonQuery(search: "工人")).total == 0)

        let first = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: false)
        #expect(first.counts.created == 4 && first.counts.unchanged == 0)
        let again = try await services.imports.run(fx.admin, kind: .people, data: Data(csv.utf8), dryRun: false)
        #expect(again.counts.created == 0 && again.counts.updated == 0 && again.counts.unchanged == 4)
        #expect(again.counts.employmentsCreated == 0 && again.counts.employmentsUpdated == 0)
        #expect(try await services.people.list(fx.admin, PersonQuery(search: "工人")).total == 4)

        // Row 3 changes phone, row 4 changes roles: updates, each audited. The
        // phone is the employer's own contact data, kept on the employment (issue 9 §1).
        var rows = (1...4).map { person($0, fx) }
        rows[2] = person(3, fx, phone: "13911112222")
        rows[3] = person(4, fx, roles: "从业人员")
        let changed = try await services.imports.run(fx.admin, kind: .people, data: Data(peopleCSV(fx, rows: rows).utf8), dryRun: false)
        #expect(changed.counts.updated == 0 && changed.counts.unchanged == 4 && changed.counts.employmentsUpdated == 2)
        let actions = try await services.pool.withConnection { conn in
            try conn.query("SELECT action FROM audit_log WHERE request_id = $1 ORDER BY id", [fx.admin.requestID]).rows
                .map { try $0.decode("action", as: String.self) }
        }
        #expect(actions.filter { $0 == "person.updated" }.count == 0)
        #expect(actions.filter { $0 == "employment.updated" }.count == 2)
        #expect(actions.filter { $0 == "import.people" }.count == 3)
        #expect(try await services.audit.verify(fx.admin).firstBadRow == nil)
    }

    @Test("an enterprise imports its own staff only; regulators and institutions may not import")
    func importScope() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let csv = peopleCSV(fx, rows: [person(1, fx)])  // employs at enterprise a
        let own = try await services.imports.run(fx.a.enterpriseUser, kind: .people, data: Data(csv.utf8), dryRun: false)
        #expect(own.counts.created == 1)
        do {
            _ = try await services.imports.run(fx.b.enterpriseUser, kind: .people, data: Data(csv.utf8), dryRun: false)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["not_your_enterprise"])
        }
        for call in [fx.a.regulator, fx.a.institutionUser] {
            await #expect(throws: ServiceError.forbidden) {
                try await services.imports.run(call, kind: .people, data: Data(csv.utf8), dryRun: true)
            }
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.imports.run(fx.a.enterpriseUser, kind: .enterprises, data: Data("x".utf8), dryRun: true)
        }
    }

    @Test("header problems and broken files")
    func headers() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        func codes(_ text: String) async -> [String] {
            do {
                _ = try await services.imports.run(fx.admin, kind: .people, data: Data(text.utf8), dryRun: true)
                return []
            } catch ServiceError.validation(let errors) {
                return errors.map(\.code)
            } catch {
                return ["\(error)"]
            }
        }
        #expect(await codes("姓名,证件号码,年龄\n") == ["unknown_column", "missing_column", "missing_column", "missing_column", "missing_column"])
        #expect(await codes("") == ["csv_syntax"])
        #expect(await codes("证件号码,\"姓名\n") == ["csv_syntax"])
        await #expect(throws: ServiceError.self) {
            try await services.imports.run(fx.admin, kind: .people, data: Data([0xFF, 0xFE, 0x00, 0x41]), dryRun: true)
        }
    }

    @Test("enterprises and institutions import, idempotently, with derived fields and status history")
    func enterprisesAndInstitutions() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let c1 = Synthetic.creditCode(division: "140825", serial: 501)
        let c2 = Synthetic.creditCode(division: "140825", serial: 502)
        let enterprises = """
            统一社会信用代码,单位名称,行政区划代码,行业,重点企业,办公区,生产区
            \(c1),新绛县甲矿业有限公司,140825,非煤矿山,是,办公楼,一号井;选矿厂
            \(c2),新绛县乙商贸有限公司,140825100,商贸、大型商业综合体,否,,
            """
        let r1 = try await services.imports.run(fx.admin, kind: .enterprises, data: Data(enterprises.utf8), dryRun: false)
        #expect(r1.counts.created == 2)
        let r2 = try await services.imports.run(fx.admin, kind: .enterprises, data: Data(enterprises.utf8), dryRun: false)
        #expect(r2.counts.unchanged == 2 && r2.counts.created == 0 && r2.counts.updated == 0)
        let mine = try await services.enterprises.list(fx.admin, EnterpriseQuery(search: c1)).items[0]
        #expect(mine.highRisk && mine.keyEnterprise && mine.areas.count == 3)
        let mall = try await services.enterprises.list(fx.admin, EnterpriseQuery(search: c2)).items[0]
        #expect(mall.sectors == ["commerce", "commercial_complex"] && mall.regionName == "龙兴镇")

        let i1 = Synthetic.creditCode(division: "140825", serial: 601, kind: "52")
        let i2 = Synthetic.creditCode(division: "140825", serial: 602, kind: "52")
        let institutions = """
            credit_code,name,region_code,training_kinds,special_op_categories,status,rectify_deadline
            \(i1),新绛县安全培训中心,140825,principal、special_operations,1、2,符合条件,
            \(i2),某培训学校,140825,employee,,已清退,
            """
        let r3 = try await services.imports.run(fx.admin, kind: .institutions, data: Data(institutions.utf8), dryRun: false)
        #expect(r3.counts.created == 2)
        let cleared = try await services.institutions.list(fx.admin, InstitutionQuery(status: .clearedOut)).items
        #expect(cleared.map(\.creditCode) == [i2] && cleared[0].mayAct == false && cleared[0].statusHistory.count == 1)
        let bad = "credit_code,name,region_code,status\n\(i1),x,140825,限期整改\n"
        do {
            _ = try await services.imports.run(fx.admin, kind: .institutions, data: Data(bad.utf8), dryRun: false)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map(\.code) == ["required"] && errors[0].row == 2)
        }
    }

    @Test("regions: parents derived from the code (R-REGION), bad or unknown parents refused, idempotent")
    func regions() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let file = """
            区划代码,名称,上级代码
            140825108,横桥镇,
            141100,吕梁市,
            141181998,孝义市测试园区,
            141181999,孝义市测试街道,141181
            """
        // The national list ships 140825108 and 141100 already (issue 11 §1); the
        // two test units are new, the first's parent derived from its code.
        let r = try await services.imports.run(fx.admin, kind: .regions, data: Data(file.utf8), dryRun: false)
        #expect(r.counts.created == 2 && r.counts.updated == 0 && r.counts.unchanged == 2)
        let children = try await services.reference.regions(fx.admin, parent: "141181").map(\.name)
        #expect(children.contains("孝义市测试园区") && children.contains("孝义市测试街道") && children.contains("新义街道"))
        let again = try await services.imports.run(fx.admin, kind: .regions, data: Data(file.utf8), dryRun: false)
        #expect(again.counts.created == 0 && again.counts.updated == 0)
        let bad = "code,name,parent_code\n140826,稷山县,141100\n990101,某县,\n"
        do {
            _ = try await services.imports.run(fx.admin, kind: .regions, data: Data(bad.utf8), dryRun: false)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map { "\($0.row ?? 0):\($0.code)" } == ["2:invalid_parent", "3:unknown_parent"])
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.imports.run(fx.a.regulator, kind: .regions, data: Data(file.utf8), dryRun: true)
        }
    }

    @Test("certificates in the national platform layout: linked by T-number, idempotent, status column, row errors")
    func certificates() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let doc = fx.a.person.documentNumber
        let file = """
            姓名,性别,证号,作业类别,操作项目,初领日期,有效期开始日期,有效期结束日期,应复审日期,实际复审日期,发证机关,状态
            \(fx.a.person.name),男,T\(doc),电工作业,低压电工作业,2020-03-15,2020-03-15,2026-03-15,2023-03-15,2023-02-01,运城市应急管理局,有效
            \(fx.b.person.name),男,T\(fx.b.person.documentNumber),焊接与热切割作业,2.1,2021-05-01,2021-05-01,2027-05-01,,,上海市应急管理局,撤销
            """
        let r = try await services.imports.run(fx.admin, kind: .certificates, data: Data(file.utf8), dryRun: false)
        #expect(r.counts.created == 2)
        let again = try await services.imports.run(fx.admin, kind: .certificates, data: Data(file.utf8), dryRun: false)
        #expect(again.counts.unchanged == 2 && again.counts.created == 0 && again.counts.updated == 0)
        let a = try await services.certificates.forPerson(fx.admin, personID: UUID(uuidString: fx.a.person.id)!, on: CivilDate(iso: "2024-01-01"))
        #expect(a.count == 1 && a[0].certificate.itemCode == "1.2" && a[0].status.state == .valid)  // the 2023 review counts
        let b = try await services.certificates.forPerson(fx.admin, personID: UUID(uuidString: fx.b.person.id)!)
        #expect(b[0].status.state == .revoked)
        let bad = """
            姓名,证号,作业类别,操作项目,初领日期,有效期结束日期,发证机关
            某人,T110105194912310021,电工作业,低压电工作业,2020-01-01,2026-01-01,局
            \(fx.a.person.name),T\(doc),煤矿安全作业,低压电工作业,2020-01-01,2026-01-01,局
            \(fx.a.person.name),X123,电工作业,飞行作业,2020-01-01,2019-01-01,局
            """
        do {
            _ = try await services.imports.run(fx.admin, kind: .certificates, data: Data(bad.utf8), dryRun: false)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map { "\($0.row ?? 0):\($0.code)" } == [
                "2:unknown_person", "3:category_mismatch", "4:document_number", "4:unknown_item", "4:before_issue",
            ].map { $0 == "4:document_number" ? "4:required" : $0 })
        }
        await #expect(throws: ServiceError.forbidden) {
            try await services.imports.run(fx.a.regulator, kind: .certificates, data: Data(file.utf8), dryRun: true)
        }
    }

    /// Issue 11 §2 (R-CERT-12): the national layout's 有效期开始日期 is kept, so a
    /// renewed certificate is scheduled from its current period; a period longer
    /// than the rule set's six years is a row error (R-CERT-3).
    @Test("certificates import keeps the validity start of renewed certificates (R-CERT-12)")
    func renewedCertificates() async throws {
        let services = try TestDatabase.services()
        let fx = try await RegistryFixture.make(services)
        let file = """
            姓名,证号,作业类别,操作项目,初领日期,有效期开始日期,有效期结束日期,实际复审日期,发证机关,状态
            \(fx.a.person.name),T\(fx.a.person.documentNumber),电工作业,低压电工作业,2012-05-10,2018-05-10,2024-05-10,2021-04-01,运城市应急管理局,有效
            """
        let r = try await services.imports.run(fx.admin, kind: .certificates, data: Data(file.utf8), dryRun: false)
        #expect(r.counts.created == 1)
        let a = try await services.certificates.forPerson(fx.admin, personID: UUID(uuidString: fx.a.person.id)!, on: CivilDate(iso: "2022-01-01"))
        #expect(a.first?.certificate.validityStart == "2018-05-10" && a.first?.certificate.firstIssued == "2012-05-10")
        #expect(a.first?.status.state == .valid && a.first?.status.mayWork == true)
        let tooLong = """
            姓名,证号,作业类别,操作项目,初领日期,有效期开始日期,有效期结束日期,发证机关
            \(fx.b.person.name),T\(fx.b.person.documentNumber),焊接与热切割作业,2.1,2012-05-10,2018-05-10,2024-05-11,上海市应急管理局
            \(fx.b.person.name),T\(fx.b.person.documentNumber),焊接与热切割作业,2.2,2012-05-10,2011-05-10,2017-05-10,上海市应急管理局
            """
        do {
            _ = try await services.imports.run(fx.admin, kind: .certificates, data: Data(tooLong.utf8), dryRun: false)
            Issue.record("accepted")
        } catch ServiceError.validation(let errors) {
            #expect(errors.map { "\($0.row ?? 0):\($0.code)" } == ["2:validity_too_long", "3:before_issue"])
        }
    }
}
