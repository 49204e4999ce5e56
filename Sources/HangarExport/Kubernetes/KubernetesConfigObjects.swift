/// `v1` Secret holding the app's secrets. Only the key names are written (in an annotation); the
/// values are set in the cluster, never in the export, and re-applying the stream keeps them.
struct Secret: Encodable, Sendable {
    var apiVersion = "v1"
    var kind = "Secret"
    var metadata: ObjectMeta
    var type = "Opaque"
}

/// `v1` ConfigMap: the `[[files]]` given inline (`raw_value`).
struct ConfigMap: Encodable, Sendable {
    var apiVersion = "v1"
    var kind = "ConfigMap"
    var metadata: ObjectMeta
    var data: SortedMap<YAMLText>
}
