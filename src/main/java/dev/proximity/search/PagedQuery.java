package dev.proximity.search;

/** A search answered page by page; its page tokens are bound to {@link #binding()}. */
interface PagedQuery {

    /** The parameters a page token is bound to, in a canonical text form that names the kind of search. */
    String binding();

    /** The raw page token of this request, or null on the first page. */
    String pageToken();
}
