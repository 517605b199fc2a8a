package dev.lexguard.sharing.shares;

/** OpenAPI examples shared by the share, contact and review resources. */
public final class ShareExamples {

    public static final String PROBLEM = "application/problem+json";
    public static final String CSV = "text/csv";
    public static final String SHARE_REQUEST = """
            {"contactId":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","matterId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","accessLevel":"view","message":"Please review and sign.","expiresAt":"2027-05-31T00:00:00Z"}""";
    public static final String SHARE = """
            {"id":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","matterId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","contactId":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","contactName":"Casey Client","contactKind":"client","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","accessLevel":"view","message":"Please review and sign.","sharedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","createdAt":"2026-11-29T21:00:00.123456Z","expiresAt":"2027-05-31T00:00:00Z","status":"active","revokedAt":null,"revokedBy":null,"revokeReason":null,"nextReviewAt":"2027-05-28T21:00:00.123456Z","review":"not-due","openCount":2,"lastOpenedAt":"2026-11-30T08:15:00.654321Z"}""";
    public static final String SHARE_PAGE = "{\"items\":[" + SHARE + "],\"nextCursor\":null}";
    public static final String SUMMARY = """
            {"total":42,"active":30,"expired":7,"revoked":5,"expiringSoon":3,"neverOpened":11,"reviewDue":4}""";
    public static final String SHARE_CSV = ShareCsv.HEADER + "\r\n"
            + "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d,3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f,Casey Client,"
            + "client,document,doc-2026-0042,Engagement letter,view,cdba682f-99c5-4e72-b35b-9cec60f45e73,2026-11-29T21:00:00.123456Z,"
            + "2027-05-31T00:00:00Z,active,,,,2027-05-28T21:00:00.123456Z,not-due,2,2026-11-30T08:15:00.654321Z\r\n";
    public static final String INVALID_FILTER = """
            {"type":"https://lexguard.dev/problems/invalid-filter","title":"Bad request","status":400,"detail":"A filter has a value of the wrong type or format","instance":"/api/v1/shares","requestId":"0f1e2d3c-4b5a-4968-8776-655443322110","errors":[{"field":"status","message":"must be one of active, expired, revoked"}]}""";

    private ShareExamples() {
    }
}
