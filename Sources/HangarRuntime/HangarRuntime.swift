/// The HangarRuntime module. See docs/architecture.md.
public enum HangarRuntime {}
