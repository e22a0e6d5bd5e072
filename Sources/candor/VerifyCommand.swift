import ArgumentParser
import CandorPipeline
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a published report folder against its manifests and signature.",
        discussion: """
            DIR is a report folder (with index.html and manifest.json, as run and report all write it) \
            or one quarter's folder. verify checks every file against the SHA-256 and size its manifest \
            records, that no file was added, that the templates are candor's own (or says which were \
            replaced), the candor, libcmark and metric-registry versions, and with --policy that the \
            policy file is the one the reports were made under. With --public-key (the makers' published \
            OpenSSH .pub key) it checks the signature `--sign` made, with ssh-keygen from openssh-client. \
            It needs no inputs and no database: anyone given the folder and the public key can run it. \
            An auditor holding the inputs and the pseudonymisation key adds --recompute ORG: the set is \
            made again by a clean run (a new database in a private temporary folder, dated as the \
            manifest says) and every file compared byte for byte.

            Exit status: 0 every check passed; 1 a check failed (each is printed) or DIR cannot be read.
            """)

    @Argument(help: ArgumentHelp("The report folder, or one quarter's folder.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The makers' OpenSSH public key: the signature is checked against it.", valueName: "file.pub"))
    var publicKey: String?

    @Option(name: .long, help: ArgumentHelp("A policy file to compare with the one the reports were made under.", valueName: "path"))
    var policy: String?

    @Flag(name: .long, help: "Accept reports rendered with replaced templates (--templates); they are a failure otherwise.")
    var acceptTemplates = false

    @Option(name: .long, help: ArgumentHelp("For an auditor: the organisation folder (policy.yml, its key, inputs/) to make the set again from, with a clean run dated as the manifest says, and compare byte for byte.", valueName: "dir"))
    var recompute: String?

    @Flag(name: .shortAndLong, help: "Print only the checks that failed, and the verdict.")
    var quiet = false

    func run() throws {
        var verification = Verification(folder: directory)
        verification.publicKey = publicKey
        verification.policyPath = policy
        verification.acceptTemplateOverrides = acceptTemplates
        verification.recomputeFrom = recompute
        // The recomputation's own run is silent: its outcome is the comparison, printed as checks.
        let checks = try reportingErrors { try verification.run() }
        for check in checks where !(quiet && check.passed) {
            print((check.passed ? (check.note ? "note " : "ok   ") : "FAIL ") + check.text)
        }
        let failed = checks.filter { !$0.passed }.count
        if failed > 0 {
            print("\(directory): \(failed) check\(failed == 1 ? "" : "s") failed")
            throw ExitCode(1)
        }
        print("\(directory): verified")
    }
}
