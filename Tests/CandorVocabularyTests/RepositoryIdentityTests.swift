import Testing
@testable import CandorVocabulary

/// One repository identity across sources, with known answers.
@Suite("Repository identity")
struct RepositoryIdentityTests {
    @Test("URLs, ssh remotes, owner/name and case all normalise to one owner/name")
    func normalise() {
        for raw in ["https://github.com/Acme/Route-Planner.git", "git@github.com:acme/route-planner", "acme/route-planner",
                    " https://github.com/acme/route-planner/ ", "ACME/ROUTE-PLANNER"] {
            #expect(RepositoryIdentity.normalise(raw) == "acme/route-planner", "\(raw)")
        }
        #expect(RepositoryIdentity.normalise("route-planner") == "route-planner")
        #expect(RepositoryIdentity.normalise("https://gitlab.example/group/sub/tool.git") == "group/sub/tool")
        #expect(RepositoryIdentity.normalise("") == nil && RepositoryIdentity.normalise("https://host-only") == nil)
    }

    @Test("a bare name takes the one owner/name that ends in it; two make it ambiguous; none leave it bare")
    func bareNames() {
        let raws: Set<String> = ["route-planner", "https://github.com/acme/route-planner.git", "shared-config", "acme/shared-config",
                                 "acme-labs/shared-config", "docs-site"]
        let r = RepositoryIdentity.resolve(raws, naming: RepositoryNaming())
        #expect(r["route-planner"] == .key("acme/route-planner"))
        #expect(r["https://github.com/acme/route-planner.git"] == .key("acme/route-planner"))
        #expect(r["shared-config"] == .ambiguous("shared-config", candidates: ["acme-labs/shared-config", "acme/shared-config"]))
        #expect(r["acme-labs/shared-config"] == .key("acme-labs/shared-config"))
        #expect(r["docs-site"] == .key("docs-site"))
    }

    @Test("the policy's owner places every bare name; its aliases translate other tools' names, under any owner")
    func policyNaming() {
        let naming = RepositoryNaming(owner: "acme", aliases: ["KF-LandingZone": "landing-zone", "portal-web": "customer-portal-web"])
        let raws: Set<String> = ["shared-config", "acme-labs/shared-config", "418295730164/KF-LandingZone", "portal-web", "landing-zone"]
        let r = RepositoryIdentity.resolve(raws, naming: naming)
        #expect(r["shared-config"] == .key("acme/shared-config"))
        #expect(r["acme-labs/shared-config"] == .key("acme-labs/shared-config"))
        #expect(r["418295730164/KF-LandingZone"] == .key("acme/landing-zone") && r["landing-zone"] == .key("acme/landing-zone"))
        #expect(r["portal-web"] == .key("acme/customer-portal-web"))
    }
}
