/// The diagnostic codes emitted while reading, normalising and decoding fly.toml.
///
/// Ranges: `HG0xx` reading and syntax; `HG1xx` decoding. Errors in HG101–HG104 are what flyctl
/// turns into a "degraded load" (it keeps only `app` and fails every later use); the loader then
/// returns `config == nil`.
public enum DecodeCode {
    /// HG001 (error): the file cannot be read (missing, unreadable, a directory without fly.toml).
    public static let unreadable = "HG001"
    /// HG002 (error): TOML syntax error (position from the TOML reader). flyctl fails the load.
    public static let syntax = "HG002"

    /// HG101 (error, degraded load): a normalisation patch rejected a legacy form, e.g.
    /// `Unknown type for service concurrency: int64`, `Unknown processes type: string`,
    /// `Do not know how to process 'env' section of type: string`.
    public static let normalisation = "HG101"
    /// HG102 (error, degraded load): a value has the wrong type for its key after normalisation
    /// (string where an integer is expected, single table where an array of tables is expected, …).
    public static let typeMismatch = "HG102"
    /// HG103 (error, degraded load): a duration string does not parse (`time: invalid duration …`).
    public static let invalidDuration = "HG103"
    /// HG104 (error, degraded load): `auto_stop_machines` is a string other than off/stop/suspend.
    public static let invalidAutoStop = "HG104"

    /// HG110 (warning): a key flyctl does not know; it is ignored. The hint names the likely key.
    public static let unknownKey = "HG110"
    /// HG111 (info): a legacy key flyctl accepts and ignores (`restart_limit`, `script_checks`,
    /// `private_network`, `allowed_public_ports`, …).
    public static let ignoredLegacyKey = "HG111"
    /// HG112 (warning): normalisation silently drops a value of an unexpected type (e.g.
    /// `kill_timeout = true`, a check `interval = false`).
    public static let droppedValue = "HG112"
    /// HG113 (warning): a bare number in a duration field without a documented unit is read as
    /// nanoseconds, as flyctl does (`deploy.wait_timeout = 30` is 30ns).
    public static let nanosecondDuration = "HG113"
    /// HG114 (warning): a response header value that is not `false`, a string or a list of strings;
    /// it is left out of the model.
    public static let unsupportedHeaderValue = "HG114"

    /// Every code with its default severity and a one-line summary (for documentation and tests).
    public static let all: [(code: String, severity: Severity, summary: String)] = [
        (unreadable, .error, "file cannot be read"),
        (syntax, .error, "TOML syntax error"),
        (normalisation, .error, "legacy form rejected by normalisation (degraded load)"),
        (typeMismatch, .error, "value has the wrong type (degraded load)"),
        (invalidDuration, .error, "duration does not parse (degraded load)"),
        (invalidAutoStop, .error, "invalid auto_stop_machines value (degraded load)"),
        (unknownKey, .warning, "unknown key, ignored by flyctl"),
        (ignoredLegacyKey, .info, "legacy key accepted and ignored by flyctl"),
        (droppedValue, .warning, "value of unexpected type dropped by normalisation"),
        (nanosecondDuration, .warning, "bare number read as nanoseconds"),
        (unsupportedHeaderValue, .warning, "unsupported response header value"),
    ]
}
