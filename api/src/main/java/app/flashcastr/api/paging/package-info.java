/**
 * Page/limit arguments as upstream takes them, with the limit capped and deep offsets
 * refused.
 */
package app.flashcastr.api.paging;
