import CandorVocabulary
import CandorParsing
import CandorPolicy

/// Decodes the legacy `GET /orgs/{org}/copilot/metrics` response (a JSON array of days; also the
/// team and enterprise variants). Acceptance is summed from the leaf `languages[]`, as GitHub's
/// schema requires; the editor- and model-level `total_engaged_users` are not summable and are not used.
public enum CopilotLegacyMetricsReader {
    public static let recordPatterns: [[JSONPathPattern]] = [[.anyIndex]]

    public static func day(_ node: JSONNode, path: JSONPath, file: String, scope: String, diagnostics: inout [Diagnostic]) -> CopilotScopeDay? {
        var f = JSONFields(node, path: path, file: file)
        defer { diagnostics += f.diagnostics }
        guard f.isValid else { return nil }
        let date = f.day("date")
        var d = CopilotScopeDay(day: date ?? Day(dayNumber: 0), scope: scope,
                                activeUsers: f.count("total_active_users") ?? 0, engagedUsers: f.count("total_engaged_users") ?? 0)
        if var completions = f.object("copilot_ide_code_completions") {
            for (editor, editorPath) in completions.array("editors") {
                var e = JSONFields(editor, path: editorPath, file: file)
                for (model, modelPath) in e.array("models") {
                    var m = JSONFields(model, path: modelPath, file: file)
                    for (language, languagePath) in m.array("languages") {
                        var l = JSONFields(language, path: languagePath, file: file)
                        d.completionSuggestions += l.count("total_code_suggestions") ?? 0
                        d.completionAcceptances += l.count("total_code_acceptances") ?? 0
                        d.linesSuggested += l.count("total_code_lines_suggested") ?? 0
                        d.linesAccepted += l.count("total_code_lines_accepted") ?? 0
                        m.absorb(l)
                    }
                    e.absorb(m)
                }
                completions.absorb(e)
            }
            f.absorb(completions)
        }
        if var chat = f.object("copilot_ide_chat") {
            for (editor, editorPath) in chat.array("editors") {
                var e = JSONFields(editor, path: editorPath, file: file)
                for (model, modelPath) in e.array("models") {
                    var m = JSONFields(model, path: modelPath, file: file)
                    d.ideChats += m.count("total_chats") ?? 0
                    d.ideChatInsertions += m.count("total_chat_insertion_events") ?? 0
                    d.ideChatCopies += m.count("total_chat_copy_events") ?? 0
                    e.absorb(m)
                }
                chat.absorb(e)
            }
            f.absorb(chat)
        }
        if var dotcom = f.object("copilot_dotcom_chat") {
            for (model, modelPath) in dotcom.array("models") {
                var m = JSONFields(model, path: modelPath, file: file)
                d.dotcomChats += m.count("total_chats") ?? 0
                dotcom.absorb(m)
            }
            f.absorb(dotcom)
        }
        if var prs = f.object("copilot_dotcom_pull_requests") {
            for (repository, repositoryPath) in prs.array("repositories") {
                var r = JSONFields(repository, path: repositoryPath, file: file)
                for (model, modelPath) in r.array("models") {
                    var m = JSONFields(model, path: modelPath, file: file)
                    d.pullRequestSummaries += m.count("total_pr_summaries_created") ?? 0
                    r.absorb(m)
                }
                prs.absorb(r)
            }
            f.absorb(prs)
        }
        if d.completionAcceptances > d.completionSuggestions {
            // Seen in GitHub's own published sample: days whose suggestion counts are missing (0) while
            // acceptances are not. Kept as reported; the acceptance rate leaves such days out.
            f.diagnostics.append(Diagnostic(.warning, file: file, line: node.line, column: node.column, code: "COP010",
                                            message: "\(path): more code acceptances (\(d.completionAcceptances)) than suggestions (\(d.completionSuggestions))",
                                            hint: "GitHub's export sometimes omits suggestion counts; this day is stored but left out of acceptance rates"))
        }
        guard f.isValid, date != nil else { return nil }
        return d
    }
}
