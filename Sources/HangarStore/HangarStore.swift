/// The HangarStore module. See docs/architecture.md.
public enum HangarStore {}
