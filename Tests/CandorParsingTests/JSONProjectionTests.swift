@testable import CandorParsing
import Testing

@Suite("JSON record projection")
struct JSONProjectionTests {
    static let text = """
        [{"id": 7, "title": "dropped", "user": {"login": "ana", "id": 1, "site_admin": false},
          "base": {"ref": "main", "repo": {"full_name": "acme/x", "owner": {"login": "acme"}, "topics": ["a", {"b": [1]}]}},
          "labels": [{"name": "x"}], "body": null},
         {"id": 8, "user": null, "base": "not an object", "labels": []},
         [1, 2]]
        """
    static let projection = JSONProjection([
        "id": nil, "user": JSONProjection(["login": nil]), "base": JSONProjection(["repo": JSONProjection(["full_name": nil])]),
    ])

    static func records(_ text: String, projection: JSONProjection?, chunk: Int = 1 << 20) throws -> [JSONNode] {
        var stream = JSONRecordStream(source: ByteSource(bytes: Array(text.utf8), name: "t.json", chunkSize: chunk), records: [[.anyIndex]])
        stream.projection = projection
        var out: [JSONNode] = []
        try stream.forEach { if case .record(let node, _) = $0 { out.append(node) } }
        return out
    }

    @Test("only the named members are built, at any depth; their positions are where they stand", arguments: [1, 3, 1 << 20])
    func kept(chunk: Int) throws {
        let full = try Self.records(Self.text, projection: nil, chunk: chunk)
        let projected = try Self.records(Self.text, projection: Self.projection, chunk: chunk)
        #expect(projected.count == 3)
        #expect(projected[0].members?.map(\.key) == ["id", "user", "base"])
        #expect(projected[0]["user"]?.members?.map(\.key) == ["login"])
        #expect(projected[0]["base"]?.members?.map(\.key) == ["repo"])
        #expect(projected[0]["base"]?["repo"]?.members?.map(\.key) == ["full_name"])
        #expect(projected[0]["base"]?["repo"]?["full_name"] == full[0]["base"]?["repo"]?["full_name"])
        #expect(projected[0]["user"]?["login"] == full[0]["user"]?["login"])
        #expect(projected[0]["id"] == full[0]["id"])
    }

    @Test("a named member that is not an object is built whole, so the reader's messages about it stay the same")
    func notAnObject() throws {
        let projected = try Self.records(Self.text, projection: Self.projection)
        #expect(projected[1]["user"]?.isNull == true)
        #expect(projected[1]["base"]?.string == "not an object")
        #expect(projected[1].members?.map(\.key) == ["id", "user", "base"])
        // A record that is not an object is built whole.
        #expect(projected[2].array?.count == 2)
    }

    @Test("a member that is dropped is still read as JSON: a syntax error inside it is an error")
    func droppedStillValidated() {
        let bad = #"[{"id": 1, "title": {"a": [1, 2,, 3]}}]"#
        #expect(throws: JSONSyntaxError.self) { _ = try Self.records(bad, projection: Self.projection) }
    }

    @Test("dropped members do not count against the record's node cap")
    func cap() throws {
        let big = "[{\"id\": 1, \"title\": [" + Array(repeating: "1", count: 50).joined(separator: ",") + "]}]"
        var stream = JSONRecordStream(source: ByteSource(bytes: Array(big.utf8), name: "t.json"), records: [[.anyIndex]])
        stream.maxNodes = 10
        stream.projection = Self.projection
        var ids: [Int64] = []
        try stream.forEach { if case .record(let node, _) = $0 { ids.append(node["id"]?.int64 ?? -1) } }
        #expect(ids == [1])
        var whole = JSONRecordStream(source: ByteSource(bytes: Array(big.utf8), name: "t.json"), records: [[.anyIndex]])
        whole.maxNodes = 10
        #expect(throws: JSONRecordTooLarge.self) { try whole.forEach { _ in } }
    }
}
