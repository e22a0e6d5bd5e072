/// The 44 count columns of the Amazon Q Developer user activity report ("by_user_analytic" CSV).
///
/// Names exactly as published (AWS "User activity report metrics"; DevLake `q_dev` s3_data_extractor).
/// Every value is a non-negative whole number; a blank cell means 0.
public enum QDeveloperMetric: String, CaseIterable, Sendable {
    case chatAICodeLines = "Chat_AICodeLines"
    case chatMessagesInteracted = "Chat_MessagesInteracted"
    case chatMessagesSent = "Chat_MessagesSent"
    case codeFixAcceptanceEventCount = "CodeFix_AcceptanceEventCount"
    case codeFixAcceptedLines = "CodeFix_AcceptedLines"
    case codeFixGeneratedLines = "CodeFix_GeneratedLines"
    case codeFixGenerationEventCount = "CodeFix_GenerationEventCount"
    case codeReviewFailedEventCount = "CodeReview_FailedEventCount"
    case codeReviewFindingsCount = "CodeReview_FindingsCount"
    case codeReviewSucceededEventCount = "CodeReview_SucceededEventCount"
    case devAcceptanceEventCount = "Dev_AcceptanceEventCount"
    case devAcceptedLines = "Dev_AcceptedLines"
    case devGeneratedLines = "Dev_GeneratedLines"
    case devGenerationEventCount = "Dev_GenerationEventCount"
    case docGenerationAcceptedFileUpdates = "DocGeneration_AcceptedFileUpdates"
    case docGenerationAcceptedFilesCreations = "DocGeneration_AcceptedFilesCreations"
    case docGenerationAcceptedLineAdditions = "DocGeneration_AcceptedLineAdditions"
    case docGenerationAcceptedLineUpdates = "DocGeneration_AcceptedLineUpdates"
    case docGenerationEventCount = "DocGeneration_EventCount"
    case docGenerationRejectedFileCreations = "DocGeneration_RejectedFileCreations"
    case docGenerationRejectedFileUpdates = "DocGeneration_RejectedFileUpdates"
    case docGenerationRejectedLineAdditions = "DocGeneration_RejectedLineAdditions"
    case docGenerationRejectedLineUpdates = "DocGeneration_RejectedLineUpdates"
    case inlineChatAcceptanceEventCount = "InlineChat_AcceptanceEventCount"
    case inlineChatAcceptedLineAdditions = "InlineChat_AcceptedLineAdditions"
    case inlineChatAcceptedLineDeletions = "InlineChat_AcceptedLineDeletions"
    case inlineChatDismissalEventCount = "InlineChat_DismissalEventCount"
    case inlineChatDismissedLineAdditions = "InlineChat_DismissedLineAdditions"
    case inlineChatDismissedLineDeletions = "InlineChat_DismissedLineDeletions"
    case inlineChatRejectedLineAdditions = "InlineChat_RejectedLineAdditions"
    case inlineChatRejectedLineDeletions = "InlineChat_RejectedLineDeletions"
    case inlineChatRejectionEventCount = "InlineChat_RejectionEventCount"
    case inlineChatTotalEventCount = "InlineChat_TotalEventCount"
    case inlineAICodeLines = "Inline_AICodeLines"
    case inlineAcceptanceCount = "Inline_AcceptanceCount"
    case inlineSuggestionsCount = "Inline_SuggestionsCount"
    case testGenerationAcceptedLines = "TestGeneration_AcceptedLines"
    case testGenerationAcceptedTests = "TestGeneration_AcceptedTests"
    case testGenerationEventCount = "TestGeneration_EventCount"
    case testGenerationGeneratedLines = "TestGeneration_GeneratedLines"
    case testGenerationGeneratedTests = "TestGeneration_GeneratedTests"
    case transformationEventCount = "Transformation_EventCount"
    case transformationLinesGenerated = "Transformation_LinesGenerated"
    case transformationLinesIngested = "Transformation_LinesIngested"

    /// Position in ``allCases``, the order values are stored in.
    public var index: Int { QDeveloperMetric.indexByName[rawValue]! }

    /// Positions of the two counts read on every row, computed once.
    public static let acceptedIndex = QDeveloperMetric.inlineAcceptanceCount.index
    public static let shownIndex = QDeveloperMetric.inlineSuggestionsCount.index

    /// The column name as stored (same as the export header).
    public var columnName: String { rawValue }

    /// Looks a header name up case-insensitively.
    public static func named(_ header: String) -> QDeveloperMetric? {
        lowercasedLookup[header.lowercased()]
    }

    /// The columns of the 2025 eight-column variant besides `UserId` and `Date`.
    public static let legacyEightColumnSet: [QDeveloperMetric] = [
        .chatAICodeLines, .chatMessagesInteracted, .chatMessagesSent,
        .inlineAICodeLines, .inlineAcceptanceCount, .inlineSuggestionsCount,
    ]

    private static let indexByName: [String: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1.rawValue, $0) })
    private static let lowercasedLookup: [String: QDeveloperMetric] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
}
