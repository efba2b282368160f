import type { Messages } from './zh-cn';

/** English copy; every key of the Chinese copy, checked by the type. */
export const en: Messages = {
  app: {
    title: 'Government Services Self-Service Terminal',
    terminal: 'Terminal {{terminalId}}',
    simulated: 'Simulated devices',
    goHome: 'Home',
    starting: 'Starting, please wait…',
    help: 'For help, please ask the hall staff',
  },
  boot: {
    connectFailed: 'The terminal cannot reach the service system. Retrying automatically',
  },
  home: {
    greeting: 'Welcome. Please choose a service',
    comingSoon: 'Coming soon',
    careMode: 'Easy view',
    careModeHint: 'Large text · high contrast',
    standardMode: 'Standard view',
    language: '中文',
  },
  services: {
    ticket: { name: 'Queue ticket', hint: 'Take a number for a service window' },
    guide: { name: 'Service guide', hint: 'Requirements, materials and steps' },
    application: { name: 'Apply here', hint: 'Apply with your resident ID card' },
    progress: { name: 'Case progress', hint: 'Check the progress of a case' },
    appointment: { name: 'Appointment check-in', hint: 'Check in for a booked visit' },
    evaluation: { name: 'Rate our service', hint: 'Tell us how we did' },
  },
  steps: {
    label: 'Steps',
    chooseCategory: 'Choose a category',
    takeTicket: 'Take a ticket',
    current: 'Current step',
  },
  category: {
    title: 'Please choose a category',
    waiting: '{{count}} waiting',
    loading: 'Loading categories…',
    loadFailed: 'The categories could not be loaded',
    empty: 'No category is open for tickets today. Please ask the hall staff',
    retry: 'Load again',
  },
  taking: {
    title: 'Issuing your ticket…',
    hint: 'Printing, please stay here',
  },
  failed: {
    title: 'No ticket was issued',
    retry: 'Try again',
    chooseAgain: 'Choose another category',
  },
  ticket: {
    title: 'Your ticket',
    yourNumber: 'Your number',
    waitingAhead: 'People ahead of you: {{count}}',
    noneAhead: 'Nobody is ahead of you. Please watch for your number',
    issuedAt: 'Issued {{time}}',
    takeReceipt: 'Please take your ticket',
    listen: 'Watch the display and listen for your number',
    qrCaption: 'Show this code when called',
    qrLabel: 'Ticket QR code',
    printFailed:
      'The ticket could not be printed. Please take a photo or remember your number; the staff have been told',
    printFailedReason: 'Reason: {{reason}}',
    done: 'Done',
    autoReturn: 'Back to the home screen in {{seconds}} s',
  },
  outOfService: {
    title: 'Out of service',
    contactStaff: 'Please ask the hall staff for help',
    defaultReason: 'The terminal is under maintenance',
    apology: 'We are sorry for the inconvenience',
  },
  idle: {
    title: 'Are you still there?',
    body: 'To protect your information, the terminal returns to the home screen when the countdown ends',
    seconds: 's',
    continue: 'Continue',
  },
  errors: {
    generic: 'The system is busy. Please try again later',
  },
  voice: {
    chooseCategory: 'Please choose a category',
    ticketIssued: 'Your ticket is ready. Please take it',
    printFailed: 'The ticket could not be printed. Please remember the number on the screen',
    idleWarning: 'Are you still there? Tap Continue to go on',
  },
};
