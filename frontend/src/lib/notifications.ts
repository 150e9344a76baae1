import { createSlice, nanoid, type PayloadAction } from '@reduxjs/toolkit';

export type Severity = 'success' | 'info' | 'warning' | 'error';

export interface Notification {
  id: string;
  message: string;
  severity: Severity;
}

export interface NotificationsState {
  items: Notification[];
}

const MAX = 5;

export const notificationsSlice = createSlice({
  name: 'notifications',
  initialState: { items: [] } as NotificationsState,
  reducers: {
    notify: {
      reducer(state, action: PayloadAction<Notification>) {
        state.items.push(action.payload);
        if (state.items.length > MAX) state.items.splice(0, state.items.length - MAX);
      },
      prepare(payload: { message: string; severity?: Severity }) {
        return {
          payload: { id: nanoid(), severity: payload.severity ?? 'info', message: payload.message },
        };
      },
    },
    dismiss(state, action: PayloadAction<string>) {
      state.items = state.items.filter((n) => n.id !== action.payload);
    },
  },
});

export const { notify, dismiss } = notificationsSlice.actions;
export const selectNotifications = (s: { notifications: NotificationsState }) =>
  s.notifications.items;
