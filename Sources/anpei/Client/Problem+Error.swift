import AnpeiWire

/// A problem+json answer is what a failed call throws: ErrorPrinter shows its
/// detail, code and per-field errors. AnpeiWire is in this package, so the
/// conformance is not retroactive.
extension Problem: Error {}
