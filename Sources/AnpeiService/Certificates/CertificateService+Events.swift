import AnpeiDomain
import AnpeiStore
import Foundation

/// What happens to a certificate after registration: reviews (R-CERT-5/6/12/13),
/// the extension consent (R-CERT-4), revocation and cancellation (R-CERT-7/14).
extension CertificateService {
    /// Records a review; refused with the rule's reasons when R-CERT-5/6 forbid it.
    public func review(_ call: CallContext, id: UUID, _ input: ReviewInput) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        if !(0...1_000).contains(input.trainingHours) {
            v.add("trainingHours", "out_of_range", zh: "学时须在0至1000之间", en: "hours must be between 0 and 1000")
        }
        // R-CERT-6: a review not passed says why (Art. 25); a pass has no ground.
        var groundField: ReviewRefusalGround? = .trainingOrExamFailed
        if input.passed, input.ground != nil {
            v.add("ground", "not_allowed", zh: "通过的复审不填写不予通过的情形", en: "a passed review has no refusal ground")
        } else if let raw = input.ground {
            groundField = ReviewRefusalGround(rawValue: raw)
            if groundField == nil {
                v.add("ground", "invalid_ground", zh: "不予通过的情形须为：" + ReviewRefusalGround.allCases.map {
                    "\($0.rawValue)（\($0.label.zh)）"
                }.joined(separator: "、"), en: "one of " + ReviewRefusalGround.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let (date, refusalGround) = try v.finish(dateField, groundField)
        let ground = input.passed ? nil : refusalGround
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            let sets = try rules.get(conn)
            guard let rules = CertificateRuleSet.applicable(on: date, among: sets) else { throw ServiceError.noRuleSet(field: "date") }
            let refusals = ReviewSchedule.refusals(row.domain, on: date, trainingHours: input.trainingHours, passed: input.passed, rules: rules)
            if !refusals.isEmpty {
                throw ServiceError.validation(refusals.map {
                    FieldError(field: "date", code: "review_refused_\($0.rule.lowercased().replacingOccurrences(of: "-", with: "_"))",
                               message: $0.message)
                })
            }
            // R-CERT-5 (Art. 23): a passed review needs a passed exam for this
            // certificate, taken for this review (R-CERT-9: valid 12 months).
            if input.passed {
                let previous = row.domain.reviews.map(\.date).filter { $0 <= date }.max()
                let exams = try AttemptRepository(conn).passed(purpose: "certificate_review", subjectID: id, personID: row.personID)
                if !exams.contains(where: { AttemptRules.examQualifies(examDate: $0.date, reviewDate: date, previousReview: previous) }) {
                    throw ServiceError.validation([FieldError(field: "passed", code: "exam_required", message: LocalizedText(
                        zh: "复审通过前须有本证书的考试合格成绩（考试日期在复审日前12个月内、上次复审之后；R-CERT-5、R-CERT-9）",
                        en: "a passed review needs a passed exam for this certificate within the 12 months before it and after the previous review (R-CERT-5, R-CERT-9)"))])
                }
            }
            // R-CERT-12: the end-of-validity review, passed in its window, renews.
            let renewal = input.passed ? ReviewSchedule.renewal(row.domain, reviewedOn: date, rules: rules) : nil
            try repo.addReview(id: id, date: date, hours: input.trainingHours, passed: input.passed, ground: ground?.rawValue)
            if let renewal { try repo.renew(id: id, reviewedOn: date, start: renewal.start, end: renewal.end) }
            var change: [String: AuditValue] = [
                "date": .string(date.description), "trainingHours": .int(input.trainingHours), "passed": .bool(input.passed),
                "ruleSet": .string(rules.id),
            ]
            if let ground { change["ground"] = .string(ground.rawValue) }
            if let renewal {
                change["renewedFrom"] = .string(renewal.start.description)
                change["renewedUntil"] = .string(renewal.end.description)
            }
            try audit.record(action: "certificate.reviewed", entityType: "certificate", entityID: row.id.lowercased, change: change)
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: sets, on: today)
        }
    }

    /// R-CERT-4: records the authority's consent to the longer interval at any
    /// time within the current validity (not only at registration).
    public func recordExtensionConsent(_ call: CallContext, id: UUID, _ input: ExtensionConsent) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let since = v.date(input.inTradeSince, "inTradeSince", required: false)
        let date = try v.finish(dateField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            var errors: [FieldError] = []
            if date > today {
                errors.append(FieldError(field: "date", code: "in_future", message: LocalizedText(zh: "同意日期不能晚于今天", en: "must not be in the future")))
            }
            if date < row.validityStart || date > row.validityEnd {
                errors.append(FieldError(field: "date", code: "outside_validity", message: LocalizedText(
                    zh: "同意日期须在有效期（\(row.validityStart)至\(row.validityEnd)）内（R-CERT-4）",
                    en: "must fall within the validity \(row.validityStart) to \(row.validityEnd) (R-CERT-4)")))
            }
            if let since, since > date {
                errors.append(FieldError(field: "inTradeSince", code: "after_consent", message: LocalizedText(
                    zh: "从业开始日期不能晚于同意日期", en: "must not be after the consent")))
            }
            if !errors.isEmpty { throw ServiceError.validation(errors) }
            try repo.setExtensionConsent(id: id, date: date, inTradeSince: since)
            var change: [String: AuditValue] = ["date": .string(date.description)]
            if let since { change["inTradeSince"] = .string(since.description) }
            try audit.record(action: "certificate.extension_consented", entityType: "certificate", entityID: row.id.lowercased, change: change)
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }

    /// R-CERT-7: revocation (撤销) or cancellation (注销).
    public func end(_ call: CallContext, id: UUID, revoke: Bool, _ input: CertificateEnd) async throws -> CertificateView {
        _ = try await get(call, id: id)  // invisible certificates answer 404 before any 403
        try authorizeIssuer(call)
        let scope = ScopeFilter(call.principal.scope)
        var v = Validator()
        let dateField = v.date(input.date, "date")
        let reasonField = v.text(input.reason, "reason", max: 500)
        // R-CERT-14: the cause comes from the article's fixed list.
        let allowed = CertificateEndingCause.allCases.filter { $0.isRevocation == revoke }
        var causeField = input.cause.flatMap(CertificateEndingCause.init(rawValue:))
        if let cause = causeField, cause.isRevocation != revoke { causeField = nil }
        if causeField == nil {
            v.add("cause", input.cause == nil ? "required" : "invalid_cause",
                  zh: "原因须为：" + allowed.map { "\($0.rawValue)（\($0.label.zh)）" }.joined(separator: "、"),
                  en: "one of " + allowed.map(\.rawValue).joined(separator: ", "))
        }
        let (date, reason, cause) = try v.finish(dateField, reasonField, causeField)
        let today = self.today
        return try await db.write(call) { conn, audit in
            let repo = CertificateRepository(conn)
            guard let row = try repo.find(id: id, scope: scope) else { throw ServiceError.notFound(entity: "certificate") }
            // R-CERT-14: a certificate is revoked once (and cancelled once); a
            // second one is refused rather than overwriting the first.
            if revoke, let first = row.revokedOn {
                throw ServiceError.conflict(code: "already_revoked", field: "date", message: LocalizedText(
                    zh: "证书已于 \(first) 撤销（R-CERT-14）", en: "already revoked on \(first) (R-CERT-14)"))
            }
            if !revoke, let first = row.cancelledOn {
                throw ServiceError.conflict(code: "already_cancelled", field: "date", message: LocalizedText(
                    zh: "证书已于 \(first) 注销", en: "already cancelled on \(first)"))
            }
            try repo.end(id: id, revoked: revoke, on: date, reason: reason, cause: cause.rawValue)
            try audit.record(action: revoke ? "certificate.revoked" : "certificate.cancelled", entityType: "certificate",
                             entityID: row.id.lowercased, change: [
                                 "date": .string(date.description), "reason": .string(reason), "cause": .string(cause.rawValue),
                             ])
            return try view(written(repo.find(id: id, scope: ScopeFilter(.all))), sets: rules.get(conn), on: today)
        }
    }
}
