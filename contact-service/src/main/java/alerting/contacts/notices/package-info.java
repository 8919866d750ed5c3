/**
 * In-product notices (banners) published by the dispatcher, listed and dismissed by tenant admins.
 */
package alerting.contacts.notices;
