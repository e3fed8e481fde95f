package dev.proximity.account;

/**
 * What the site header on every page shows about the visitor: an owner who is signed in (their name, "My
 * businesses", a sign-out button), a visitor who is not ("Sign in"), or neither when the session store could
 * not be asked (the header then offers only what is right either way). Public for the templates.
 */
public record SiteHeader(Visitor visitor, String name, String email, boolean canSignOut) {

    /** The model attribute the layout reads. */
    public static final String ATTRIBUTE = "siteHeader";

    static final SiteHeader SIGNED_OUT = new SiteHeader(Visitor.SIGNED_OUT, null, null, false);
    static final SiteHeader UNKNOWN = new SiteHeader(Visitor.UNKNOWN, null, null, false);

    public enum Visitor {
        SIGNED_IN, SIGNED_OUT, UNKNOWN
    }

    static SiteHeader signedIn(SignedInOwner owner, boolean canSignOut) {
        return new SiteHeader(Visitor.SIGNED_IN, owner == null ? null : owner.name(),
                owner == null ? null : owner.email(), canSignOut);
    }

    public boolean signedIn() {
        return visitor == Visitor.SIGNED_IN;
    }

    public boolean signedOut() {
        return visitor == Visitor.SIGNED_OUT;
    }
}
