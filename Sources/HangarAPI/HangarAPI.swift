/// The HangarAPI module: the daemon's REST API. See docs/architecture.md.
public enum HangarAPI {}
