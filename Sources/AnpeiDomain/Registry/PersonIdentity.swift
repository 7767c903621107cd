/// A person's identity facts against their document (R-ID): a resident ID
/// fixes gender and birth date, and a different value given beside it is an
/// error; without one, a birth date may not lie in the future. The single-record
/// path and the people import both ask this, so the rule lives once.
public enum PersonIdentity {
    /// Names longer than this are refused (the register's column and the
    /// national platform's field).
    public static let maxNameLength = 50

    public enum Field: String, Sendable {
        case gender, birthDate
    }

    public struct Problem: Sendable, Equatable {
        public let field: Field
        public let code: String
        public let message: LocalizedText
    }

    /// Gender and birth date as they stand after the document has spoken, and
    /// what was wrong with the values given.
    public static func reconcile(
        _ document: IdentityDocument, gender: Gender?, birthDate: CivilDate?, today: CivilDate
    ) -> (gender: Gender?, birthDate: CivilDate?, problems: [Problem]) {
        var problems: [Problem] = []
        var outGender = gender
        var outBirth = birthDate
        if let derived = document.gender {
            if let gender, gender != derived {
                problems.append(Problem(field: .gender, code: "conflicts_with_id",
                                        message: LocalizedText(zh: "性别与身份证号码不一致", en: "conflicts with the ID number")))
            }
            outGender = derived
        }
        if let derived = document.birthDate {
            if let birthDate, birthDate != derived {
                problems.append(Problem(field: .birthDate, code: "conflicts_with_id",
                                        message: LocalizedText(zh: "出生日期与身份证号码不一致", en: "conflicts with the ID number")))
            }
            outBirth = derived
        } else if let birthDate, birthDate > today {
            problems.append(Problem(field: .birthDate, code: "in_future",
                                    message: LocalizedText(zh: "出生日期不能晚于今天", en: "must not be in the future")))
        }
        return (outGender, outBirth, problems)
    }
}
