/// The HangarExport module. See docs/architecture.md.
public enum HangarExport {}
